import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { parseCsv } from "../support/csv";

test("support filters the audit, opens a timeline and downloads the CSV of exactly those rows", async ({ page }) => {
  await signIn(page, USERS.support.email);
  await page.getByRole("link", { name: "Auditoría" }).click();
  await expect(page).toHaveURL(/\/audit/);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  await page.getByLabel("Cerrada por").selectOption({ label: USERS.seller1.name });
  await page.getByLabel("Texto en el motivo").fill("cliente");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/closedBy=.*q=cliente/);
  const count = Number((await page.getByTestId("audit-count").innerText()).match(/\d+/)![0]);
  expect(count).toBeGreaterThan(0);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(Math.min(count, 50));
  for (const reason of await rows.locator("td:nth-child(4)").allInnerTexts()) expect(reason.toLowerCase()).toContain("cliente");
  for (const closer of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(closer).toBe(USERS.seller1.name);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exportar CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^auditoria-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...records] = parseCsv(text.slice(1));
  expect(header).toEqual(["Conversación", "Contacto", "Teléfono", "Cerrada el", "Cerrada por", "Motivo", "Dueño tras el cierre", "Reabierta el"]);
  expect(records).toHaveLength(count);
  for (const record of records) {
    expect(record[4]).toBe(USERS.seller1.name);
    expect(record[5]!.toLowerCase()).toContain("cliente");
    expect(record[2]).toMatch(/^'\+\d+$/); // a leading + would be a formula in a spreadsheet
  }

  const first = rows.first().getByRole("link");
  const contact = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1, name: contact })).toBeVisible();
  await expect(page.getByTestId("history")).toContainText("cerró la conversación");
  await expect(page.getByRole("button", { name: "Acciones de la conversación" })).toHaveCount(0);
});

test("sellers and editors get no audit: no link, no page, no export", async ({ page }) => {
  await signIn(page, USERS.seller1.email);
  await expect(page.getByRole("link", { name: "Auditoría" })).toHaveCount(0);
  expect((await page.goto("/audit"))?.status()).toBe(404);
  expect((await page.request.get("/api/audit/export")).status()).toBe(403);
});
