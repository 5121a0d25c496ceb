import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

// Addresses people (or a scanner) type by hand: whatever doesn't parse falls back to the default,
// never a server error.
const cursor = (at: string, id = "00000000-0000-4000-8000-000000000000") => Buffer.from(JSON.stringify([at, id])).toString("base64url");

const PAGES = [
  "/inbox?q=%00",
  "/inbox?q=%ED%A0%80",
  `/inbox?cursor=${cursor("2024-13-45 10:00:00+00")}`,
  `/inbox?cursor=${cursor("0000-01-01 00:00:00+00")}`,
  "/inbox?cursor=not-a-cursor&status=%00&owner=%00&group=%00&unread=2",
  "/inbox?q=a&q=b&status=open&status=closed",
  "/inbox/00000000-0000-4000-8000-000000000000?q=%00",
  "/audit?from=0000-01-01&to=99999-01-01",
  "/audit?from=2024-02-30&to=2024-13-45&q=%00&closedBy=nadie&owner=%00",
  `/audit?cursor=${cursor("2024-13-45 10:00:00+00", "12")}`,
  "/contacts?q=%00&after=%00",
];

test("crafted addresses answer a page, never a server error", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(500);
    await expect(page.getByText("Algo salió mal"), path).toHaveCount(0);
  }
});

test("the CSV export with dates that don't exist falls back to no date filter and sends the whole file", async ({ page }) => {
  await signIn(page, USERS.support.email);
  for (const query of ["?from=0000-01-01", "?to=99999-01-01", "?from=2024-13-45&q=%00", `?cursor=${cursor("2024-13-45 10:00:00+00", "1")}`]) {
    const response = await page.request.get(`/api/audit/export${query}`);
    expect(response.status(), query).toBe(200);
    const text = await response.text();
    expect(text.startsWith("\uFEFF"), query).toBe(true);
    expect(text.endsWith("\r\n"), query).toBe(true);
  }
});
