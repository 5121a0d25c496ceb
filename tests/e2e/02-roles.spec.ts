import { expect, test } from "@playwright/test";
import { openFirstConversation, rowOwners, rows, signIn, USERS } from "./helpers";

test("admin sees every conversation of the account, assigned or not", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await expect(page).toHaveURL(/\/inbox/);
  const owners = await rowOwners(page);
  expect(owners.length).toBe(30);
  expect(new Set(owners).size).toBeGreaterThan(2);
  await page.getByLabel("Dueño").selectOption({ label: "No asignadas" });
  await expect(page).toHaveURL(/owner=unassigned/);
  expect(new Set(await rowOwners(page))).toEqual(new Set(["No asignado"]));
  await openFirstConversation(page);
  await expect(page.getByTestId("owner").last()).toHaveText("No asignado");
  await expect(page.getByTestId("contact-panel")).toBeVisible();
  await expect(page.getByTestId("window-indicator")).toContainText("Ventana de 24 h");
  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  for (const item of ["Asignar conversación", "Marcar como no leída", "Cerrar conversación"]) {
    await expect(page.getByRole("menuitem", { name: item })).toBeVisible();
  }
});

test("keyset pagination walks to older conversations and back", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  const ids = async () =>
    (await rows(page).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))).map((href) => href.split(/[/?]/)[2]);
  const firstPage = await ids();
  await page.getByRole("link", { name: "Ver más antiguas" }).click();
  await expect(page).toHaveURL(/cursor=/);
  const secondPage = await ids();
  expect(secondPage).toHaveLength(30);
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
  await page.getByRole("link", { name: "Volver a las más recientes" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
});

test("a seller sees only their own conversations and gets not-found for another's by URL", async ({ page, browser }) => {
  // Find a conversation of another seller as the admin.
  const adminPage = await browser.newPage();
  await signIn(adminPage, USERS.admin.email);
  await adminPage.getByLabel("Dueño").selectOption({ label: USERS.seller2.name });
  await adminPage.waitForURL(/owner=/);
  await adminPage.getByTestId("conversation-row").first().click();
  await adminPage.waitForURL(/\/inbox\/[0-9a-f-]{36}/);
  const othersUrl = new URL(adminPage.url()).pathname;
  await adminPage.close();

  await signIn(page, USERS.seller1.email);
  await expect(page.getByLabel("Dueño")).toHaveCount(0);
  expect(new Set(await rowOwners(page))).toEqual(new Set([USERS.seller1.name]));
  await page.getByLabel("Estado").selectOption({ label: "Cerradas" });
  await expect(page).toHaveURL(/status=closed/);
  expect(new Set(await rowOwners(page))).toEqual(new Set([USERS.seller1.name]));

  const response = await page.goto(othersUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("No encontramos esta página")).toBeVisible();
  await expect(page.getByTestId("messages")).toHaveCount(0);
});

test("an editor has no inbox: no link, no page", async ({ page }) => {
  await signIn(page, USERS.editor.email);
  await expect(page).toHaveURL(/\/contacts/);
  await expect(page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Inbox" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Contactos" })).toBeVisible();
  await page.goto("/inbox");
  await expect(page).not.toHaveURL(/\/inbox/);
});

test("support sees closed conversations only, read-only", async ({ page }) => {
  await signIn(page, USERS.support.email);
  await expect(page.getByText("Vista de auditoría: solo conversaciones cerradas, en modo lectura.")).toBeVisible();
  await expect(page.getByLabel("Estado")).toHaveCount(0);
  await expect(page.getByText("Seleccionar conversaciones")).toHaveCount(0);
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(0);
  await expect(rows(page).getByText("Cerrada", { exact: true })).toHaveCount(count);
  await page.goto("/inbox?status=open");
  await expect(rows(page).getByText("Cerrada", { exact: true })).toHaveCount(await rows(page).count());
  await openFirstConversation(page);
  await expect(page.getByTestId("close-info")).toContainText("Cerrada por");
  await expect(page.getByRole("button", { name: "Acciones de la conversación" })).toHaveCount(0);
  await expect(page.getByLabel("Responder")).toHaveCount(0);
  await expect(page.getByText("Solo lectura")).toBeVisible();
});

test("an account without Pro and the WhatsApp add-on sees the locked page", async ({ page }) => {
  await signIn(page, USERS.basicAdmin.email);
  await page.goto("/inbox");
  await expect(
    page.getByText("Esta función está disponible solo para clientes con Plan Pro y el Add-on WhatsApp."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Hablar con un asesor" })).toBeVisible();
  await expect(page.getByTestId("conversation-list")).toHaveCount(0);
});
