import { expect, test } from "@playwright/test";
import { DEMO_PRO } from "../../scripts/seed/demo-accounts";
import { signBody } from "../../lib/whatsapp/signature";
import { openFirstConversation, rows, signIn, signOut, USERS } from "./helpers";

test("a customer writing again reopens the conversation for the handed-over seller, and a flow made in the UI answers", async ({ page, request }) => {
  // Admin sets up the flow.
  await signIn(page, USERS.admin.email);
  await page.goto("/settings/automations");
  await page.getByLabel("Nombre").fill("Bienvenida de vuelta");
  await page.getByLabel("Evento de inicio").selectOption({ label: "Conversación abierta por mensaje recibido vía WhatsApp" });
  await page.getByPlaceholder("Texto de la respuesta").fill("¡Hola de nuevo! Ya te atendemos.");
  await page.getByRole("button", { name: "Crear flujo" }).click();
  await expect(page.getByTestId("flow").filter({ hasText: "Bienvenida de vuelta" })).toBeVisible();
  await expect(page.getByText("Flujo creado.")).toBeVisible();
  await signOut(page);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);

  // A seller closes a conversation and hands it over.
  await signIn(page, USERS.seller1.email);
  const name = await openFirstConversation(page);
  const phone = (await page.locator("#conversation-title + p").innerText()).replace(/\D/g, "");
  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  await page.getByRole("menuitem", { name: "Cerrar conversación" }).click();
  const dialog = page.getByRole("dialog", { name: "Cerrar conversación" });
  await dialog.getByLabel("Descripción").fill("Volverá a escribir el mes que viene");
  await dialog.getByRole("checkbox", { name: "Transferir conversación a" }).check();
  await dialog.getByRole("radio", { name: USERS.seller2.name }).check();
  await dialog.getByRole("button", { name: "Cerrar", exact: true }).click();
  await expect(page).toHaveURL(/notice=closed/);
  await signOut(page);

  // The customer writes again, through a signed Cloud API webhook.
  const text = `Hola, sigo interesado ${Date.now()}`;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "waba", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "576015550100", phone_number_id: DEMO_PRO.whatsapp!.phoneNumberId },
      contacts: [{ wa_id: phone, profile: { name } }],
      messages: [{ from: phone, id: `wamid.e2e.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
    } }] }],
  });
  const unsigned = await request.post("/api/whatsapp/webhook", { data: body, headers: { "content-type": "application/json" } });
  expect(unsigned.status()).toBe(401);
  const delivered = await request.post("/api/whatsapp/webhook", {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, DEMO_PRO.whatsapp!.appSecret) },
  });
  expect(delivered.status()).toBe(200);

  // The handed-over seller finds it open and unread, answered by the flow.
  await signIn(page, USERS.seller2.email);
  await page.getByRole("searchbox", { name: /Buscar/ }).fill(name);
  await page.getByRole("button", { name: "Filtrar" }).click();
  const row = rows(page).filter({ hasText: name }).first();
  await expect(row.getByRole("img", { name: "No leída" })).toBeVisible();
  await row.click();
  await expect(page.getByTestId("messages")).toContainText(text);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("messages")).toContainText("¡Hola de nuevo! Ya te atendemos.", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("history")).toContainText("La conversación se reabrió por un mensaje del cliente");
  await expect(page.getByTestId("owner").last()).toHaveText(USERS.seller2.name);
});

test("the webhook handshake echoes the challenge only for the configured token", async ({ request }) => {
  const good = await request.get(
    `/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${DEMO_PRO.whatsapp!.verifyToken}&hub.challenge=4242`,
  );
  expect(good.status()).toBe(200);
  expect(await good.text()).toBe("4242");
  const bad = await request.get("/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=4242");
  expect(bad.status()).toBe(403);
});
