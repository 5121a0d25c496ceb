// npm run simulate -- --to "Demo Pro" --from +573001234567 --name "Ana" --text "Hola"
// Posts a correctly signed WhatsApp Cloud API webhook to the running app, as Meta would, so a
// person watching the inbox sees the customer's message arrive. Uses the demo number's fixtures.
import { parseArgs } from "node:util";
import { DEMO_ACCOUNTS } from "@/scripts/seed/demo-accounts";
import { signBody } from "@/lib/whatsapp/signature";

const USAGE = `Uso: npm run simulate -- --from +573001234567 --text "Hola" [--name "Ana"] [--to "Demo Pro"] [--url http://127.0.0.1:3000]

Envía a la app en marcha un webhook firmado de WhatsApp, como lo haría Meta: un cliente que escribe.
  --from   teléfono del cliente (obligatorio)
  --text   texto del mensaje (obligatorio)
  --name   nombre del perfil de WhatsApp (por defecto, el teléfono)
  --to     cuenta de la demo que recibe el mensaje (por defecto "Demo Pro")
  --url    dirección de la app (por defecto http://127.0.0.1:$PORT, o el puerto 3000)`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        help: { type: "boolean", short: "h" },
        to: { type: "string", default: "Demo Pro" },
        from: { type: "string" },
        name: { type: "string" },
        text: { type: "string" },
        url: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
      },
    }).values;
  } catch (error) {
    console.error(`No entiendo las opciones (${error instanceof Error ? error.message : error}).\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const account = DEMO_ACCOUNTS.find((a) => a.name.toLowerCase() === values.to!.toLowerCase());
if (!account?.whatsapp) {
  console.error(`La cuenta "${values.to}" no tiene número de WhatsApp de demo. Cuentas con número: ${DEMO_ACCOUNTS.filter((a) => a.whatsapp).map((a) => a.name).join(", ")}`);
  process.exit(2);
}
const from = (values.from ?? "").replace(/\D/g, "");
if (from.length < 6 || !values.text) {
  console.error(USAGE);
  process.exit(2);
}
const body = JSON.stringify({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "demo-waba",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: account.whatsapp.displayPhone, phone_number_id: account.whatsapp.phoneNumberId },
            contacts: [{ wa_id: from, profile: { name: values.name ?? `+${from}` } }],
            messages: [
              { from, id: `wamid.sim.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: values.text } },
            ],
          },
        },
      ],
    },
  ],
});
const url = `${values.url!.replace(/\/$/, "")}/api/whatsapp/webhook`;
const response = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, account.whatsapp.appSecret) },
  body,
  signal: AbortSignal.timeout(15_000),
}).catch(() => null);
if (!response) {
  console.error(`No se pudo conectar con la app en ${url}: arráncala con ./run (o indica dónde está con --url).`);
  process.exit(1);
}
console.log(`${response.status} ${await response.text()}`);
process.exit(response.ok ? 0 : 1);
