import { expect, test } from "@playwright/test";
import { signIn, signOut, USERS } from "./helpers";

test("signed-out visitors are sent to the sign-in page, and come back where they wanted", async ({ page }) => {
  await page.goto("/inbox?status=closed");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Correo electrónico").fill(USERS.admin.email);
  await page.getByLabel("Contraseña").fill("turno-demo");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page).toHaveURL(/\/inbox\?status=closed/);
});

test("a sign-in link that points at another site lands on the inbox instead", async ({ page, baseURL }) => {
  // Nothing may leave for that host: if the redirect were followed, the test would see it here.
  await page.route((url) => url.hostname === "evil.example", (route) => route.abort());
  for (const callback of ["/%5Cevil.example/x", "//evil.example"]) {
    await page.goto(`/login?callbackUrl=${callback}`);
    await page.getByLabel("Correo electrónico").fill(USERS.admin.email);
    await page.getByLabel("Contraseña").fill("turno-demo");
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await expect(page, callback).toHaveURL(`${baseURL}/inbox`);
    await signOut(page);
  }
});

test("a wrong password says so without telling which part was wrong", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill(USERS.admin.email);
  await page.getByLabel("Contraseña").fill("no-es-esta");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByText("Correo o contraseña incorrectos.")).toBeVisible();
  await page.getByLabel("Contraseña").fill("turno-demo");
  await page.getByLabel("Correo electrónico").fill("nadie@demo-pro.test");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByText("Correo o contraseña incorrectos.")).toBeVisible();
});

test("after ten wrong passwords for an email, the form says to wait", async ({ page }) => {
  // An address nobody has: the limit counts unknown emails too, and no other test signs in with it.
  const email = "intruso@demo-pro.test";
  await page.goto("/login");
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("Correo electrónico").fill(email);
    await page.getByLabel("Contraseña").fill(`intento-${i}`);
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    // The form clears the password once the server has answered: one attempt at a time.
    await expect(page.getByLabel("Contraseña")).toHaveValue("");
    await expect(page.getByText("Correo o contraseña incorrectos.")).toBeVisible();
  }
  await page.getByLabel("Contraseña").fill("turno-demo");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByText("Demasiados intentos fallidos con este correo. Espera 15 minutos e inténtalo de nuevo.")).toBeVisible();
});

test("a deactivated user can't sign in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill("inactivo@demo-pro.test");
  await page.getByLabel("Contraseña").fill("turno-demo");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByText("Correo o contraseña incorrectos.")).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, USERS.seller1.email);
  await signOut(page);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
});

test("the interface switches to English and back", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await page.getByRole("button", { name: /Idioma/ }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByText("Select conversations")).toBeVisible();
  await page.getByRole("button", { name: /Language/ }).click();
  await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
});
