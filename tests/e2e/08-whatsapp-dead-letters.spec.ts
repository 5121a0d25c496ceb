import { expect, test } from "@playwright/test";
import { DEMO_PRO } from "../../scripts/seed/demo-accounts";
import { signBody } from "../../lib/whatsapp/signature";
import { signIn, USERS } from "./helpers";

test("a message Meta sent that can't be stored is shown to the admin under Configuración → WhatsApp, and the rest of its delivery arrives", async ({ page, request }) => {
  const stamp = Date.now();
  const good = { from: "573009990001", id: `wamid.e2e.good.${stamp}`, timestamp: String(Math.floor(stamp / 1000)), type: "text", text: { body: `Llegó bien ${stamp}` } };
  const poison = { from: "573009990002", id: `wamid.e2e.poison.${stamp}`, timestamp: "999999999999", type: "text", text: { body: "Del año 33658" } };
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "waba", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: DEMO_PRO.whatsapp!.displayPhone, phone_number_id: DEMO_PRO.whatsapp!.phoneNumberId },
      contacts: [{ wa_id: good.from, profile: { name: `Cliente E2E ${stamp}` } }],
      messages: [good, poison],
    } }] }],
  });
  const delivered = await request.post("/api/whatsapp/webhook", {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, DEMO_PRO.whatsapp!.appSecret) },
  });
  expect(delivered.status()).toBe(200);
  expect(await delivered.json()).toEqual({ stored: 1, duplicates: 0, statuses: 0, deadLetters: 1 });

  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, USERS.admin.email);
  await page.getByRole("link", { name: "Configuración" }).click();
  await page.getByRole("navigation", { name: "Secciones de configuración" }).getByRole("link", { name: "WhatsApp" }).click();
  await expect(page).toHaveURL(/\/settings\/whatsapp/);
  await expect(page.getByRole("heading", { level: 1, name: "WhatsApp" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Número de la cuenta" })).toContainText(DEMO_PRO.whatsapp!.phoneNumberId);

  const section = page.getByRole("region", { name: "Mensajes no procesados" });
  const letter = section.getByTestId("dead-letter").filter({ hasText: "timestamp" }).first();
  await expect(letter).toContainText("Mensaje");
  await expect(letter).toContainText("must be Unix seconds between 1970 and 9999");
  await letter.getByText("Ver contenido recibido").click();
  await expect(letter.locator("pre")).toContainText(poison.id);
  // Nothing on the page is wider than a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.goto(`/inbox?q=${encodeURIComponent(`Cliente E2E ${stamp}`)}`);
  await expect(page.getByTestId("conversation-row").filter({ hasText: `Cliente E2E ${stamp}` })).toBeVisible();
});

test("a seller doesn't get the WhatsApp settings page", async ({ page }) => {
  await signIn(page, USERS.seller1.email);
  expect((await page.goto("/settings/whatsapp"))?.status()).toBe(404);
});
