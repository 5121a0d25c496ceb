import { expect, test, type Browser, type Page } from "@playwright/test";
import { assignOpenConversation, customerMessage, deliverSigned, rows, signIn, USERS } from "./helpers";
import { startInstances, type Instances } from "./support/instances";

// Two app instances on one PostgreSQL database: what one person does on A shows on B, live.
test.describe.configure({ mode: "serial" });

let instances: Instances;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  instances = await startInstances([3311, 3312]);
});
test.afterAll(async () => {
  await instances?.stop();
});

async function personOn(browser: Browser, instance: number, email: string) {
  const context = await browser.newContext({ baseURL: instances.urls[instance], locale: "es-CO" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** A mark only this page load has: if it is still there later, the page was never reloaded. */
async function markLoad(page: Page) {
  await page.evaluate(() => ((window as unknown as { turnoLoad: string }).turnoLoad = "same-page"));
}
async function expectSameLoad(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { turnoLoad?: string }).turnoLoad)).toBe("same-page");
}

test("a customer's message posted to instance A shows in the list and the open thread on instance B", async ({ browser, request }) => {
  const admin = await personOn(browser, 1, USERS.admin.email);
  await rows(admin).first().click();
  await expect(admin.getByTestId("messages")).toBeVisible();
  const name = (await admin.locator("#conversation-title").innerText()).trim();
  const phone = (await admin.locator("#conversation-title + p").innerText()).replace(/\D/g, "");
  await markLoad(admin);

  const text = `¿Tienen envío a Medellín? ${Date.now()}`;
  expect(await deliverSigned(request, customerMessage(phone, name, text), instances.urls[0])).toBe(200);

  await expect(admin.getByTestId("messages")).toContainText(text, { timeout: 3_000 });
  await expect(rows(admin).first()).toContainText(name);
  await expectSameLoad(admin);
  await admin.context().close();
});

test("an admin's assignment on A appears in the new owner's list on B, leaves the old owner's, and tells them in place", async ({ browser }) => {
  const admin = await personOn(browser, 0, USERS.admin.email);
  const carlos = await personOn(browser, 1, USERS.seller1.email);
  const daniela = await personOn(browser, 1, USERS.seller2.email);

  // Carlos has one of his conversations open; the admin gives it to Daniela.
  await rows(carlos).first().click();
  const name = (await carlos.locator("#conversation-title").innerText()).trim();
  const carlosUrl = carlos.url();
  await markLoad(carlos);
  await markLoad(daniela);
  await expect(rows(daniela).filter({ hasText: name })).toHaveCount(0);

  await admin.goto(carlosUrl.replace(instances.urls[1]!, instances.urls[0]!));
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await assignOpenConversation(admin, USERS.seller2.name);

  await expect(rows(daniela).filter({ hasText: name }).first()).toBeVisible({ timeout: 3_000 });
  await expect(daniela.getByTestId("live-assigned")).toContainText(`Te asignaron la conversación con ${name}`);
  await expect(carlos.getByTestId("live-lost")).toContainText("Esta conversación se asignó a otra persona", { timeout: 3_000 });
  await expect(rows(carlos).filter({ hasText: name })).toHaveCount(0);
  await expectSameLoad(carlos);
  await expectSameLoad(daniela);
  for (const page of [admin, carlos, daniela]) await page.context().close();
});

test("presence and typing show both ways, across instances, and go when the person leaves", async ({ browser, request }) => {
  const admin = await personOn(browser, 0, USERS.admin.email);
  const carlos = await personOn(browser, 1, USERS.seller1.email);
  await rows(carlos).first().click();
  const name = (await carlos.locator("#conversation-title").innerText()).trim();
  const phone = (await carlos.locator("#conversation-title + p").innerText()).replace(/\D/g, "");
  // The customer writes, so the 24-hour window is open and Carlos can type a reply.
  expect(await deliverSigned(request, customerMessage(phone, name, "Hola, ¿me ayudan?"), instances.urls[0])).toBe(200);
  const reply = carlos.getByRole("textbox", { name: "Responder" });
  await expect(reply).toBeVisible({ timeout: 3_000 });
  const url = carlos.url().replace(instances.urls[1]!, instances.urls[0]!);
  await admin.goto(url);

  await expect(carlos.getByTestId("presence")).toHaveText(`${USERS.admin.name} está viendo`, { timeout: 3_000 });
  await expect(admin.getByTestId("presence")).toHaveText(`${USERS.seller1.name} está viendo`, { timeout: 3_000 });

  await reply.pressSequentially("Hola", { delay: 50 });
  await expect(admin.getByTestId("presence")).toHaveText(`${USERS.seller1.name} está escribiendo…`, { timeout: 3_000 });

  await admin.goto("/inbox");
  await expect(carlos.getByTestId("presence")).toHaveText("", { timeout: 5_000 });
  for (const page of [admin, carlos]) await page.context().close();
});
