import { expect, test, type Page, type Response } from "@playwright/test";
import { openFirstConversation, signIn, USERS } from "./helpers";

// What the browser refuses under the page's Content-Security-Policy, as the page itself hears it.
// Init scripts run outside the page's policy, so this listener is there before any page script.
async function recordViolations(page: Page) {
  const logged: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`));
  });
  return async (where: string) => {
    await page.waitForLoadState("networkidle");
    const heard = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect([...heard, ...logged], where).toEqual([]);
  };
}

function expectSecurityHeaders(response: Response | null, where: string) {
  const headers = response!.headers();
  expect(headers["content-security-policy"], where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(headers["content-security-policy"], where).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], where).toContain("object-src 'none'");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  // Served over plain HTTP here (no https APP_URL): no HSTS, which would lock the host to HTTPS.
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

const ADMIN_PAGES = [
  "/inbox",
  "/contacts",
  "/audit",
  "/settings",
  "/settings/users",
  "/settings/groups",
  "/settings/plan",
  "/settings/whatsapp",
  "/settings/automations",
  "/password",
];

test("the sign-in page runs its scripts under the policy and sends the security headers", async ({ page }) => {
  const check = await recordViolations(page);
  const response = await page.goto("/login");
  expectSecurityHeaders(response, "/login");
  await check("/login");
  // The form is hydrated (a script with the nonce ran): a wrong password answers in place.
  await page.getByLabel("Correo electrónico").fill(USERS.admin.email);
  await page.getByLabel("Contraseña").fill("no-es-esta");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByText("Correo o contraseña incorrectos.")).toBeVisible();
  await check("/login after a wrong password");
});

test("no page of the app breaks the policy, and each answer has a nonce of its own", async ({ page }) => {
  const check = await recordViolations(page);
  await signIn(page, USERS.admin.email);
  const nonces = new Set<string>();
  for (const path of ADMIN_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expectSecurityHeaders(response, path);
    nonces.add(/'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"]!)![1]!);
    await check(path);
  }
  expect(nonces.size).toBe(ADMIN_PAGES.length);

  // A conversation, with the dialogs that position and animate themselves.
  await page.goto("/inbox");
  await openFirstConversation(page);
  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  await page.getByRole("menuitem", { name: "Asignar conversación" }).click();
  await expect(page.getByRole("dialog", { name: "Asignar conversación" })).toBeVisible();
  await check("a conversation's assign dialog");
  await page.keyboard.press("Escape");
  expectSecurityHeaders(await page.reload(), "a conversation");
  await check("a conversation");
});

test("assets and API answers carry the headers that apply to them", async ({ page }) => {
  for (const path of ["/icon.svg", "/api/auth/session"]) {
    const headers = (await page.request.get(path)).headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
  }
});
