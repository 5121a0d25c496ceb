import { expect, test, type Browser, type Page } from "@playwright/test";
import { LOCALES, type Locale } from "../../i18n/locales";
import { assignOpenConversation, openFirstConversation, PASSWORD, signIn, USERS } from "./helpers";
import { CATALOGUE, chooseLocale, DIALOG, expectAccessible, type Catalogue } from "./support/axe";

// Every screen and dialog, as each role that sees it, in both languages, at desktop and phone
// width. It changes little: a flow made and deleted again, a new user per language, and one
// conversation given to Carlos to raise the live notices.

const BASIC_SELLER = "vendedor@demo-basico.test";

/** A page of its own browser context, signed in as `email`, in `locale`. */
async function signedIn(browser: Browser, baseURL: string, locale: Locale, email: string, password = PASSWORD) {
  const context = await browser.newContext();
  await chooseLocale(context, baseURL, locale);
  const page = await context.newPage();
  await signIn(page, email, password, CATALOGUE[locale].login);
  return page;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

async function openConversation(page: Page) {
  await visit(page, "/inbox");
  await openFirstConversation(page);
  await page.waitForLoadState("networkidle");
}

async function conversationMenu(page: Page, m: Catalogue, item: string) {
  await page.getByRole("button", { name: m.conversation.actions }).click();
  await page.getByRole("menuitem", { name: item }).click();
  return page.getByRole("dialog", { name: item });
}

async function closeDialog(page: Page) {
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
}

/** The conversation screen, its menu, the contact sheet of the phone layout, and its two dialogs in the states they can show. */
async function checkConversation(page: Page, m: Catalogue, who: string) {
  await openConversation(page);
  await expectAccessible(page, `${who}: conversation`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: m.conversation.showContact, exact: true }).click();
  // A sheet of the phone layout only; at desktop width it is the side panel checked above.
  await expectAccessible(page, `${who}: conversation, contact sheet`, { widths: [390] });
  await page.getByRole("link", { name: `← ${m.conversation.backToConversation}` }).click();

  await page.getByRole("button", { name: m.conversation.actions }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectAccessible(page, `${who}: conversation menu`);
  await page.keyboard.press("Escape");

  const assign = await conversationMenu(page, m, m.assign.title);
  await assign.getByRole("button", { name: m.assign.accept }).click();
  await expect(assign.getByText(m.assign.errors.pickMode)).toBeVisible();
  await expectAccessible(page, `${who}: assign dialog, nothing chosen`, DIALOG);
  await assign.getByRole("radio", { name: m.assign.specificUser }).check();
  await assign.getByRole("checkbox", { name: m.assign.opportunities, exact: true }).check();
  await expectAccessible(page, `${who}: assign dialog, a specific user with transfer`, DIALOG);
  await closeDialog(page);

  const close = await conversationMenu(page, m, m.closeDialog.title);
  await close.getByRole("button", { name: m.closeDialog.submit, exact: true }).click();
  await expect(close.getByText(m.closeDialog.errors.reasonTooShort)).toBeVisible();
  await close.getByRole("checkbox", { name: m.closeDialog.handOver }).check();
  await expectAccessible(page, `${who}: close dialog, with hand-over`, DIALOG);
  await closeDialog(page);
}

/** The list, with selection on, and the bulk dialog in each of its modes. */
async function checkInboxAndBulk(page: Page, m: Catalogue, who: string) {
  await visit(page, "/inbox");
  await expectAccessible(page, `${who}: inbox`);
  await page.getByRole("checkbox", { name: m.bulk.select }).check();
  await page.getByRole("radio", { name: m.bulk.all, exact: true }).check();
  await expect(page.getByTestId("selection-count")).not.toHaveText(m.bulk.counting);
  await expectAccessible(page, `${who}: inbox, selecting all`);
  await page.getByRole("button", { name: m.bulk.assign }).click();
  const bulk = page.getByRole("dialog", { name: m.assign.title });
  await bulk.getByRole("radio", { name: m.assign.specificUser }).check();
  await expectAccessible(page, `${who}: bulk dialog, a specific user`, DIALOG);
  await bulk.getByRole("radio", { name: m.bulk.roundRobin }).check();
  await bulk.getByRole("radio", { name: m.bulk.grouped }).check();
  await expectAccessible(page, `${who}: bulk dialog, evenly among groups`, DIALOG);
  await closeDialog(page);
}

async function checkPassword(page: Page, m: Catalogue, who: string) {
  await visit(page, "/password");
  await page.getByLabel(m.password.current).fill("not-my-password");
  await page.getByLabel(m.password.next, { exact: true }).fill("a-new-password-1");
  await page.getByLabel(m.password.confirm).fill("a-new-password-1");
  await page.getByRole("button", { name: m.password.submit }).click();
  await expect(page.locator("#password-error")).toHaveText(m.password.errors.wrongCurrent);
  await expectAccessible(page, `${who}: password page, with an error`);
}

for (const locale of LOCALES) {
  const m = CATALOGUE[locale];

  test.describe(`in ${locale}`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await chooseLocale(context, baseURL!, locale);
    });

    test("the sign-in page, also with an error, has no WCAG 2.1 AA violations", async ({ page }) => {
      await visit(page, "/login");
      await expectAccessible(page, "sign-in");
      await page.getByLabel(m.login.email).fill(USERS.admin.email);
      await page.getByLabel(m.login.password).fill("wrong-password");
      await page.getByRole("button", { name: m.login.submit }).click();
      await expect(page.getByText(m.login.invalid)).toBeVisible();
      await expectAccessible(page, "sign-in, wrong password");
    });

    test("an admin's screens and dialogs have no WCAG 2.1 AA violations", async ({ page, browser, baseURL }) => {
      test.setTimeout(180_000);
      await signIn(page, USERS.admin.email, PASSWORD, m.login);
      await checkInboxAndBulk(page, m, "admin");
      await checkConversation(page, m, "admin");
      await visit(page, "/inbox/00000000-0000-4000-8000-000000000000");
      await expectAccessible(page, "admin: conversation not found");

      await visit(page, "/contacts");
      await expectAccessible(page, "admin: contacts");
      await visit(page, "/audit");
      await expectAccessible(page, "admin: audit");

      await visit(page, "/settings/users");
      await expectAccessible(page, "admin: users");
      await page.getByRole("button", { name: m.users.new }).click();
      await page.getByRole("dialog").getByRole("button", { name: m.users.create }).click();
      await expect(page.getByRole("dialog").getByText(m.users.errors.nameRequired)).toBeVisible();
      await expectAccessible(page, "admin: new user dialog, with errors", DIALOG);
      const newcomer = { name: "Irene Contraste", email: `irene.${locale}@demo-pro.test` };
      await page.getByRole("dialog").getByLabel(m.users.name).fill(newcomer.name);
      await page.getByRole("dialog").getByLabel(m.users.email).fill(newcomer.email);
      await page.getByRole("dialog").getByRole("button", { name: m.users.create }).click();
      const initialPassword = await page.getByTestId("initial-password").inputValue();
      await expectAccessible(page, "admin: new user dialog, initial password", DIALOG);
      await page.getByRole("button", { name: m.users.done }).click();
      // What the new user sees first: the page that makes them choose their own password.
      const firstTime = await signedIn(browser, baseURL!, locale, newcomer.email, initialPassword);
      await expect(firstTime).toHaveURL(/\/password/);
      await expectAccessible(firstTime, "new user: first password");
      await firstTime.context().close();
      await page.getByRole("button", { name: `${m.users.deactivate} ${USERS.seller1.name}` }).click();
      await expectAccessible(page, "admin: deactivate dialog", DIALOG);
      await closeDialog(page);
      await page.getByLabel(m.users.roleFor.replace("{name}", USERS.seller1.name)).selectOption("support");
      await expectAccessible(page, "admin: change role dialog", DIALOG);
      await closeDialog(page);

      await visit(page, "/settings/groups");
      await expectAccessible(page, "admin: groups");
      const group = page.getByTestId("group").first();
      await group.getByRole("button", { name: new RegExp(`^${m.groups.rename} `) }).click();
      await expectAccessible(page, "admin: rename group dialog", DIALOG);
      await closeDialog(page);
      await group.getByRole("button", { name: new RegExp(`^${m.groups.delete} `) }).click();
      await expectAccessible(page, "admin: delete group dialog", DIALOG);
      await closeDialog(page);

      await visit(page, "/settings/plan");
      await expectAccessible(page, "admin: plan");
      await page.getByTestId("addon-whatsapp").getByRole("button").click();
      await expectAccessible(page, "admin: add-on dialog", DIALOG);
      await closeDialog(page);

      await visit(page, "/settings/automations");
      await page.getByRole("button", { name: m.automations.create }).click();
      await expect(page.getByText(m.automations.errors.nameRequired)).toBeVisible();
      await expectAccessible(page, "admin: automations, with an error");
      // A flow to show and to delete, deleted again so the account is left as it was.
      const flowName = `Flujo a11y ${locale}`;
      await page.getByLabel(m.automations.name, { exact: true }).fill(flowName);
      await page.getByLabel(m.automations.replyText).fill("Hola");
      await page.getByRole("button", { name: m.automations.create }).click();
      const flow = page.getByTestId("flow").filter({ hasText: flowName });
      await expect(flow).toBeVisible();
      await expectAccessible(page, "admin: automations, with a flow");
      await flow.getByRole("button", { name: `${m.automations.delete}: ${flowName}` }).click();
      await expectAccessible(page, "admin: delete flow dialog", DIALOG);
      await page.getByRole("dialog").getByRole("button", { name: m.automations.delete }).click();
      await expect(flow).toHaveCount(0);

      await visit(page, "/settings/whatsapp");
      await expectAccessible(page, "admin: WhatsApp settings");
      await checkPassword(page, m, "admin");
    });

    test("a seller's screens and dialogs have no WCAG 2.1 AA violations", async ({ page, browser, baseURL }) => {
      test.setTimeout(120_000);
      await signIn(page, USERS.seller1.email, PASSWORD, m.login);
      await checkInboxAndBulk(page, m, "seller");
      // Live notices while selecting: "1 nueva" waits above the list, and "te asignaron…" comes up.
      const admin = await signedIn(browser, baseURL!, "es", USERS.admin.email);
      await visit(admin, "/inbox");
      await admin.getByLabel("Dueño", { exact: true }).selectOption({ label: USERS.seller2.name });
      await expect(admin).toHaveURL(/owner=/);
      await openFirstConversation(admin);
      await assignOpenConversation(admin, USERS.seller1.name);
      await admin.context().close();
      await expect(page.getByTestId("live-waiting")).toBeVisible();
      await expect(page.getByTestId("live-assigned")).toBeVisible();
      await expectAccessible(page, "seller: inbox, with live notices");
      await checkConversation(page, m, "seller");
      await visit(page, "/contacts");
      await expectAccessible(page, "seller: contacts");
      await checkPassword(page, m, "seller");
    });

    test("support's, an editor's and a locked account's screens have no WCAG 2.1 AA violations", async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const support = await signedIn(browser, baseURL!, locale, USERS.support.email);
      await visit(support, "/inbox");
      await expectAccessible(support, "support: inbox");
      await openConversation(support);
      await expectAccessible(support, "support: closed conversation, read-only");
      await visit(support, "/audit");
      await expectAccessible(support, "support: audit");
      await checkPassword(support, m, "support");
      await support.context().close();

      const editor = await signedIn(browser, baseURL!, locale, USERS.editor.email);
      await visit(editor, "/contacts");
      await expectAccessible(editor, "editor: contacts");
      await visit(editor, "/inbox");
      await expectAccessible(editor, "editor: inbox (not found)");
      await editor.context().close();

      for (const email of [USERS.basicAdmin.email, BASIC_SELLER]) {
        const locked = await signedIn(browser, baseURL!, locale, email);
        await visit(locked, "/inbox");
        await expect(locked.getByTestId("locked")).toBeVisible();
        await expectAccessible(locked, `${email}: locked inbox`);
        await locked.context().close();
      }
    });
  });
}
