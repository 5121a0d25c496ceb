import { expect, test, type Browser } from "@playwright/test";
import { DEMO_PRO } from "../../scripts/seed/demo-accounts";
import { signBody } from "../../lib/whatsapp/signature";
import { rows, signIn, USERS } from "./helpers";

// The live inbox on the embedded default (PGlite, one instance): the same code path, in-process.

async function personAt(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "es-CO" });
  const page = await context.newPage();
  await signIn(page, email);
  await page.evaluate(() => ((window as unknown as { turnoLoad: string }).turnoLoad = "same-page"));
  return page;
}
const sameLoad = (page: import("@playwright/test").Page) =>
  page.evaluate(() => (window as unknown as { turnoLoad?: string }).turnoLoad);
const unreadInTitle = async (page: import("@playwright/test").Page) => Number((await page.title()).match(/^\((\d+)\)/)?.[1] ?? 0);

test("an assignment shows in the new owner's list, tab title and notices without a reload", async ({ browser }) => {
  const andres = await personAt(browser, USERS.seller3.email);
  const admin = await personAt(browser, USERS.admin.email);
  await expect(andres).toHaveTitle(/Inbox · Turno$/);
  const before = await unreadInTitle(andres);

  await admin.goto("/inbox?owner=unassigned&unread=1");
  await rows(admin).first().click();
  const name = (await admin.locator("#conversation-title").innerText()).trim();
  await admin.getByRole("button", { name: "Acciones de la conversación" }).click();
  await admin.getByRole("menuitem", { name: "Asignar conversación" }).click();
  const dialog = admin.getByRole("dialog", { name: "Asignar conversación" });
  await dialog.getByRole("radio", { name: "Usuario específico" }).check();
  await dialog.getByRole("radio", { name: USERS.seller3.name }).check();
  await dialog.getByRole("checkbox", { name: "Marcar conversación como no leída" }).check();
  await dialog.getByRole("button", { name: "Aceptar" }).click();
  await expect(dialog).toBeHidden();

  await expect(rows(andres).filter({ hasText: name }).first()).toBeVisible({ timeout: 3_000 });
  const notice = andres.getByTestId("live-assigned");
  await expect(notice.getByRole("link")).toHaveText(`Te asignaron la conversación con ${name}`);
  await expect.poll(() => unreadInTitle(andres)).toBe(before + 1);
  expect(await sameLoad(andres)).toBe("same-page");

  // The notice opens the conversation.
  await notice.getByRole("link").click();
  await expect(andres.getByRole("heading", { level: 1, name })).toBeVisible();
  for (const page of [admin, andres]) await page.context().close();
});

test("while rows are being selected the list holds still and says what is waiting", async ({ browser, request }) => {
  const admin = await personAt(browser, USERS.admin.email);
  await admin.getByRole("checkbox", { name: "Seleccionar conversaciones" }).check();
  const firstBefore = await rows(admin).first().innerText();

  // A new customer writes in.
  const phone = `57300${String(Date.now()).slice(-7)}`;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "waba", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "576015550100", phone_number_id: DEMO_PRO.whatsapp!.phoneNumberId },
      contacts: [{ wa_id: phone, profile: { name: "Cliente En Vivo" } }],
      messages: [{ from: phone, id: `wamid.live.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "Hola, quiero información" } }],
    } }] }],
  });
  const delivered = await request.post("/api/whatsapp/webhook", {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, DEMO_PRO.whatsapp!.appSecret) },
  });
  expect(delivered.status()).toBe(200);

  const waiting = admin.getByTestId("live-waiting");
  await expect(waiting).toHaveText(/^\d+ nuevas?$/, { timeout: 3_000 });
  expect(await rows(admin).first().innerText()).toBe(firstBefore);
  await waiting.click();
  await expect(rows(admin).first()).toContainText("Cliente En Vivo");
  await expect(waiting).toBeHidden();
  expect(await sameLoad(admin)).toBe("same-page");
  await admin.context().close();
});
