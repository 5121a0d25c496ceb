import { expect, type Page } from "@playwright/test";

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

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
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
