import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { signBody } from "../../lib/whatsapp/signature";
import { DEMO_PRO } from "../../scripts/seed/demo-accounts";

export const PASSWORD = "turno-demo";

export const USERS = {
  admin: { email: "admin@demo-pro.test", name: "Laura Gómez" },
  seller1: { email: "vendedor1@demo-pro.test", name: "Carlos Ramírez" },
  seller2: { email: "vendedor2@demo-pro.test", name: "Daniela Torres" },
  seller3: { email: "vendedor3@demo-pro.test", name: "Andrés Castillo" },
  editor: { email: "editor@demo-pro.test", name: "Mariana López" },
  support: { email: "soporte@demo-pro.test", name: "Javier Morales" },
  basicAdmin: { email: "admin@demo-basico.test", name: "Patricia Rojas" },
} as const;

/** The sign-in form's labels in Spanish; pass the catalogue's `login` for another language. */
const SIGN_IN_LABELS = { email: "Correo electrónico", password: "Contraseña", submit: "Iniciar sesión" };

export async function signIn(page: Page, email: string, password = PASSWORD, labels = SIGN_IN_LABELS) {
  await page.goto("/login");
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole("button", { name: labels.submit }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.waitForLoadState("networkidle");
}

export const rows = (page: Page) => page.getByTestId("conversation-row");

/** The owner shown on every row of the list. */
export async function rowOwners(page: Page) {
  await expect(page.getByTestId("conversation-list")).toBeVisible();
  return rows(page).getByTestId("owner").allInnerTexts();
}

export async function openFirstConversation(page: Page) {
  const first = rows(page).first();
  const name = (await first.locator("span.truncate").first().innerText()).trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return name;
}

export async function signOut(page: Page) {
  // Let requests still in flight (a refresh after a save) land first. A click that lands while
  // the page is still hydrating can be dropped: retry until it takes.
  await page.waitForLoadState("networkidle");
  await expect(async () => {
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect(page).toHaveURL(/\/login/, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

/** On the open conversation: "Asignar conversación" → "Un usuario específico" → `personName`, and accept. */
export async function assignOpenConversation(page: Page, personName: string, options: { markUnread?: boolean } = {}) {
  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  await page.getByRole("menuitem", { name: "Asignar conversación" }).click();
  const dialog = page.getByRole("dialog", { name: "Asignar conversación" });
  await dialog.getByRole("radio", { name: "Un usuario específico" }).check();
  await dialog.getByRole("radio", { name: personName }).check();
  if (options.markUnread) await dialog.getByRole("checkbox", { name: "Marcar conversación como no leída" }).check();
  await dialog.getByRole("button", { name: "Aceptar" }).click();
  await expect(dialog).toBeHidden();
}

/** A Cloud API delivery, as Meta sends it, of one text message from `phone` to the demo Pro number. */
export function customerMessage(phone: string, name: string, text: string): string {
  const message = { from: phone, id: `wamid.e2e.${Date.now()}.${Math.random()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } };
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "576015550100", phone_number_id: DEMO_PRO.whatsapp!.phoneNumberId },
              contacts: [{ wa_id: phone, profile: { name } }],
              messages: [message],
            },
          },
        ],
      },
    ],
  });
}

/** Posts a delivery signed with the demo Pro number's secret; the status Meta would see. */
export async function deliverSigned(request: APIRequestContext, body: string, baseURL = "") {
  const response = await request.post(`${baseURL}/api/whatsapp/webhook`, {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, DEMO_PRO.whatsapp!.appSecret) },
  });
  return response.status();
}
