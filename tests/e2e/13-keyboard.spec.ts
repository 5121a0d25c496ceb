import { expect, test, type Locator, type Page } from "@playwright/test";
import { PASSWORD, rows, USERS } from "./helpers";

// The main job with the keyboard alone — no click anywhere — checking after every step where the
// focus is, since a keyboard user carries on from there. It changes data: it runs last.

const focused = (target: Locator) => target.evaluate((element) => element === document.activeElement).catch(() => false);

/** Tab (or Shift+Tab) until `target` has the focus, as a person would; fails if it is not reached. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let presses = 0; presses < max && !(await focused(target)); presses++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

/** Arrow keys through a radio group or a menu until `target` has the focus. */
async function arrowTo(page: Page, target: Locator, key: "ArrowDown" | "ArrowRight" = "ArrowDown") {
  for (let presses = 0; presses < 6 && !(await focused(target)); presses++) await page.keyboard.press(key);
  await expect(target).toBeFocused();
}

async function expectFocusWithin(container: Locator) {
  await expect.poll(() => container.evaluate((element) => element.contains(document.activeElement))).toBe(true);
}

/** In a dialog's user picker: narrow it down by typing, then tick the one person left. */
async function pickPerson(page: Page, dialog: Locator, name: string) {
  await tabTo(page, dialog.getByRole("searchbox"));
  await page.keyboard.type(name.split(" ")[0]!);
  const person = dialog.getByRole("radio", { name });
  await page.keyboard.press("Tab");
  await expect(person).toBeFocused();
  await page.keyboard.press("Space");
  await expect(person).toBeChecked();
}

/** In the single or the bulk assign dialog: "Un usuario específico", that person, and "Aceptar". */
async function assignToPerson(page: Page, dialog: Locator, name: string) {
  await expectFocusWithin(dialog);
  await arrowTo(page, dialog.getByRole("radio", { name: "Un usuario específico" }));
  await page.keyboard.press("Space");
  await pickPerson(page, dialog, name);
  await tabTo(page, dialog.getByRole("button", { name: "Aceptar" }));
  await page.keyboard.press("Enter");
}

async function signInByKeyboard(page: Page, email: string, password: string) {
  await page.goto("/login");
  await expect(page.getByLabel("Correo electrónico")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Contraseña")).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/login/);
  await page.waitForLoadState("networkidle");
}

test("an admin signs in, assigns, bulk-assigns every match of a filter and closes with a hand-over, by keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });

  await signInByKeyboard(page, USERS.admin.email, PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  // The skip link comes first and lands in the content, not on the header's links.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Saltar al contenido" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // Open a conversation: the keyboard lands on its title, and the next stop is its menu.
  const row = rows(page).first();
  await tabTo(page, row);
  const contact = (await row.locator("span.truncate").first().innerText()).trim();
  await page.keyboard.press("Enter");
  const title = page.getByRole("heading", { level: 1, name: contact });
  await expect(title).toBeFocused();
  const menuButton = page.getByRole("button", { name: "Acciones de la conversación" });
  await page.keyboard.press("Tab");
  await expect(menuButton).toBeFocused();

  // Assign it to Daniela: menu, dialog, back on the menu button with the new owner shown.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Asignar conversación" })).toBeFocused();
  await page.keyboard.press("Enter");
  const assign = page.getByRole("dialog", { name: "Asignar conversación" });
  await assignToPerson(page, assign, USERS.seller2.name);
  await expect(assign).toBeHidden();
  await expect(page.locator("section[aria-labelledby=conversation-title]")).toContainText(USERS.seller2.name);
  await expect(menuButton).toBeFocused();

  // Filter to the unassigned ones: the owner box keeps the focus while the list changes.
  const owner = page.getByLabel("Dueño", { exact: true });
  await tabTo(page, owner, { back: true, max: 120 });
  await page.keyboard.type("No asignadas");
  await expect(page).toHaveURL(/owner=unassigned/);
  await expect(rows(page).first()).toBeVisible();
  await expect(owner).toBeFocused();

  // Select "Todas" of that filter and open the bulk dialog; Escape gives the focus back to its button.
  const selectAll = page.getByRole("checkbox", { name: "Seleccionar conversaciones" });
  await tabTo(page, selectAll);
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Individualmente" })).toBeFocused();
  await arrowTo(page, page.getByRole("radio", { name: "Todas", exact: true }), "ArrowRight");
  await expect(page.getByRole("radio", { name: "Todas", exact: true })).toBeChecked();
  const count = page.getByTestId("selection-count");
  await expect(count).toHaveText(/^\d[\d.]* conversaciones? seleccionadas?$/);
  const total = (await count.innerText()).split(" ")[0]!;
  const bulkButton = page.getByTestId("selection-toolbar").getByRole("button", { name: "Asignar conversación" });
  await tabTo(page, bulkButton);
  await page.keyboard.press("Enter");
  const bulk = page.getByRole("dialog", { name: "Asignar conversación" });
  await expectFocusWithin(bulk);
  await page.keyboard.press("Escape");
  await expect(bulk).toBeHidden();
  await expect(bulkButton).toBeFocused();

  // Again, to Carlos: the summary takes the focus, and closing it returns to the selection box.
  await page.keyboard.press("Enter");
  await assignToPerson(page, bulk, USERS.seller1.name);
  const summary = bulk.getByTestId("bulk-summary").getByRole("heading");
  await expect(summary).toContainText(`${total} conversaci`);
  await expect(summary).toBeFocused();
  await expect(bulk.getByTestId("bulk-summary")).toContainText(`${USERS.seller1.name}: ${total}`);
  await page.keyboard.press("Tab");
  await expect(bulk.getByRole("button", { name: "Cerrar" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(bulk).toBeHidden();
  await expect(selectAll).toBeFocused();
  await expect(selectAll).not.toBeChecked();
  await expect(page.getByText("No hay conversaciones con estos filtros.")).toBeVisible();

  // Close the open conversation, handing it over to Carlos for when the customer writes again.
  await tabTo(page, menuButton);
  await page.keyboard.press("Enter");
  await arrowTo(page, page.getByRole("menuitem", { name: "Cerrar conversación" }));
  await page.keyboard.press("Enter");
  const close = page.getByRole("dialog", { name: "Cerrar conversación" });
  await expect(close.getByLabel("Descripción")).toBeFocused();
  await page.keyboard.type("Cliente atendido; si vuelve, lo lleva Carlos.");
  await tabTo(page, close.getByRole("checkbox", { name: "Transferir conversación a" }));
  await page.keyboard.press("Space");
  await pickPerson(page, close, USERS.seller1.name);
  await tabTo(page, close.getByRole("button", { name: "Cerrar", exact: true }));
  await page.keyboard.press("Enter");
  await expect(close).toBeHidden();
  await expect(page.getByTestId("close-info")).toContainText("Cerrada por Laura Gómez");
  await expect(menuButton).toBeFocused();
});

test("deleting a flow, creating a user and changing a password leave the focus where the person was", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInByKeyboard(page, USERS.admin.email, PASSWORD);

  // To Automatizaciones by the header's and the settings' links.
  await tabTo(page, page.getByRole("link", { name: "Configuración" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/users/);
  await tabTo(page, page.getByRole("link", { name: "Automatizaciones" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/automations/);

  // A flow to delete, made by keyboard too.
  const flowName = "Saludo de prueba";
  await tabTo(page, page.getByLabel("Nombre", { exact: true }));
  await page.keyboard.type(flowName);
  await tabTo(page, page.getByLabel("Texto de la respuesta"));
  await page.keyboard.type("Hola, gracias por escribir.");
  await tabTo(page, page.getByRole("button", { name: "Crear flujo" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Flujo creado.")).toBeVisible();
  const flow = page.getByTestId("flow").filter({ hasText: flowName });
  await tabTo(page, flow.getByRole("button", { name: `Eliminar: ${flowName}` }), { back: true });
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Eliminar flujo" });
  await expectFocusWithin(confirm);
  await tabTo(page, confirm.getByRole("button", { name: "Eliminar" }));
  await page.keyboard.press("Enter");
  await expect(flow).toHaveCount(0);
  // The button that opened it went with the flow: the list's heading has the focus.
  await expect(page.getByRole("heading", { name: "Flujos" })).toBeFocused();

  // A new user: the initial password takes the focus, and "Listo" returns it to "Nuevo usuario".
  await tabTo(page, page.getByRole("link", { name: "Usuarios" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/users/);
  const newUser = page.getByRole("button", { name: "Nuevo usuario" });
  await tabTo(page, newUser);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Nuevo usuario" });
  await expect(dialog.getByLabel("Nombre")).toBeFocused();
  await page.keyboard.type("Tomás Teclado");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Correo electrónico")).toBeFocused();
  await page.keyboard.type("tomas.teclado@demo-pro.test");
  await tabTo(page, dialog.getByRole("button", { name: "Crear usuario" }));
  await page.keyboard.press("Enter");
  const initial = page.getByRole("dialog", { name: "Usuario creado" }).getByTestId("initial-password");
  await expect(initial).toBeFocused();
  const password = await initial.inputValue();
  await tabTo(page, page.getByRole("button", { name: "Listo" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(newUser).toBeFocused();
  await expect(page.getByTestId("user-row").filter({ hasText: "Tomás Teclado" })).toBeVisible();

  // The new user chooses a password, then changes it again: the confirmation has the focus.
  await tabTo(page, page.getByRole("button", { name: "Cerrar sesión" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login/);
  await signInByKeyboard(page, "tomas.teclado@demo-pro.test", password);
  await expect(page).toHaveURL(/\/password/);
  await expect(page.getByLabel("Contraseña actual")).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Tab");
  await page.keyboard.type("tomas-elige-la-suya");
  await page.keyboard.press("Tab");
  await page.keyboard.type("tomas-elige-la-suya");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox/);
  await tabTo(page, page.getByRole("link", { name: "Cambiar contraseña" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/password/);
  await expect(page.getByLabel("Contraseña actual")).toBeFocused();
  await page.keyboard.type("tomas-elige-la-suya");
  await page.keyboard.press("Tab");
  await page.keyboard.type("tomas-otra-mas-larga");
  await page.keyboard.press("Tab");
  await page.keyboard.type("tomas-otra-mas-larga");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Tu contraseña quedó guardada." })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Continuar" })).toBeFocused();
});
