import { expect, test, type Browser } from "@playwright/test";
import { assignOpenConversation, customerMessage, deliverSigned, rows, signIn, USERS } from "./helpers";

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
  await assignOpenConversation(admin, USERS.seller3.name, { markUnread: true });

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
  expect(await deliverSigned(request, customerMessage(phone, "Cliente En Vivo", "Hola, quiero información"))).toBe(200);

  const waiting = admin.getByTestId("live-waiting");
  await expect(waiting).toHaveText(/^\d+ nuevas?$/, { timeout: 3_000 });
  expect(await rows(admin).first().innerText()).toBe(firstBefore);
  await waiting.click();
  await expect(rows(admin).first()).toContainText("Cliente En Vivo");
  await expect(waiting).toBeHidden();
  expect(await sameLoad(admin)).toBe("same-page");
  await admin.context().close();
});
