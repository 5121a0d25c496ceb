import { expect, test } from "@playwright/test";
import { rowOwners, signIn, USERS } from "./helpers";

test("admin selects every match of a filter and distributes it evenly among a group", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await page.goto("/inbox?owner=unassigned&unread=1");
  await page.getByRole("checkbox", { name: "Seleccionar conversaciones" }).check();
  await page.getByRole("radio", { name: "Todas" }).check();
  const count = page.getByTestId("selection-count");
  await expect(count).toHaveText(/^\d[\d.]* conversaciones seleccionadas$/);
  const total = Number((await count.innerText()).split(" ")[0]!.replace(/\./g, ""));
  expect(total).toBeGreaterThan(3);

  await page.getByRole("button", { name: "Asignar conversación" }).click();
  const dialog = page.getByRole("dialog", { name: "Asignar conversación" });
  await dialog.getByRole("radio", { name: "Equitativamente entre usuarios" }).check();
  await dialog.getByRole("radio", { name: "Grupal" }).check();
  await dialog.getByRole("checkbox", { name: "Vendedores" }).check();
  await dialog.getByRole("button", { name: "Aceptar" }).click();

  const summary = dialog.getByTestId("bulk-summary");
  await expect(summary).toContainText(`${total} conversaciones procesadas`);
  const counts = [];
  for (const seller of [USERS.seller1, USERS.seller2, USERS.seller3]) {
    const line = await summary.getByText(new RegExp(`^${seller.name}: `)).innerText();
    counts.push(Number(line.match(/: (\d+)/)![1]));
  }
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  await summary.getByRole("button", { name: "Cerrar" }).click();

  await expect(page.getByText("No hay conversaciones con estos filtros.")).toBeVisible();
  await page.goto("/inbox?unread=1");
  const owners = await rowOwners(page);
  expect(owners.length).toBeGreaterThan(0);
});

test("individual selection with shift-click selects a range", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await page.getByRole("checkbox", { name: "Seleccionar conversaciones" }).check();
  const boxes = page.getByTestId("row-checkbox");
  await boxes.nth(1).click();
  await boxes.nth(4).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toHaveText("4 conversaciones seleccionadas");
  await page.getByRole("button", { name: "Limpiar selección" }).click();
  await expect(page.getByTestId("selection-count")).toHaveText("0 conversaciones seleccionadas");
});
