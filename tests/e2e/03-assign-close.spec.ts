import { expect, test } from "@playwright/test";
import { assignOpenConversation, openFirstConversation, rows, signIn, signOut, USERS } from "./helpers";

test("admin assigns a conversation to a user, carrying the contact's records, and sees the owner change", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await page.getByLabel("Dueño").selectOption({ label: "No asignadas" });
  await page.waitForURL(/owner=unassigned/);
  const name = await openFirstConversation(page);
  await expect(page.getByTestId("owner").last()).toHaveText("No asignado");

  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  await page.getByRole("menuitem", { name: "Asignar conversación" }).click();
  const dialog = page.getByRole("dialog", { name: "Asignar conversación" });
  await dialog.getByRole("button", { name: "Aceptar" }).click();
  await expect(dialog.getByText("Elige a quién asignar la conversación.")).toBeVisible();
  await dialog.getByRole("radio", { name: "Un usuario específico" }).check();
  await dialog.getByPlaceholder("Buscar usuario…").fill("andr");
  await dialog.getByRole("radio", { name: USERS.seller3.name }).check();
  for (const entity of ["Contacto", "Oportunidades", "Actividades", "Tareas"]) {
    await dialog.getByRole("checkbox", { name: entity, exact: true }).check();
  }
  await expect(dialog.getByRole("checkbox", { name: "Solo abiertas y pendientes" })).toBeChecked();
  await dialog.getByRole("button", { name: "Aceptar" }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId("owner").last()).toHaveText(USERS.seller3.name);
  await expect(page.getByTestId("contact-owner")).toHaveText(USERS.seller3.name);
  await expect(page.getByTestId("history")).toContainText(`${USERS.admin.name} asignó la conversación a ${USERS.seller3.name}`);
  await expect(page.getByTestId("history")).toContainText("Registros transferidos — Contacto: 1");
  // The list (filtered to unassigned) no longer shows it.
  await expect(rows(page).filter({ hasText: name })).toHaveCount(0);
});

test("a seller assigns their conversation away and it leaves their list", async ({ page }) => {
  await signIn(page, USERS.seller1.email);
  const name = await openFirstConversation(page);
  await assignOpenConversation(page, USERS.seller2.name);
  await expect(page).toHaveURL(/\/inbox\?notice=assigned/);
  await expect(page.getByText("Conversación asignada: ya no está en tu lista.")).toBeVisible();
  await page.getByRole("searchbox", { name: /Buscar/ }).fill(name);
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page.getByText("No hay conversaciones con estos filtros.")).toBeVisible();
});

test("a seller closes with a reason and a hand-over; the new owner finds it under Cerradas", async ({ page }) => {
  await signIn(page, USERS.seller1.email);
  const name = await openFirstConversation(page);
  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  await page.getByRole("menuitem", { name: "Cerrar conversación" }).click();
  const dialog = page.getByRole("dialog", { name: "Cerrar conversación" });
  await dialog.getByRole("button", { name: "Cerrar", exact: true }).click();
  await expect(dialog.getByText("Escribe el motivo del cierre (al menos 3 caracteres).")).toBeVisible();
  await dialog.getByLabel("Descripción").fill("Cliente pidió que lo contacte Daniela la próxima semana");
  await dialog.getByRole("checkbox", { name: "Transferir conversación a" }).check();
  await dialog.getByRole("radio", { name: USERS.seller2.name }).check();
  await dialog.getByRole("button", { name: "Cerrar", exact: true }).click();
  await expect(page).toHaveURL(/notice=closed/);

  await signOut(page);
  await signIn(page, USERS.seller2.email);
  await page.getByLabel("Estado").selectOption({ label: "Cerradas" });
  await page.waitForURL(/status=closed/);
  await page.getByRole("searchbox", { name: /Buscar/ }).fill(name);
  await page.getByRole("button", { name: "Filtrar" }).click();
  await rows(page).filter({ hasText: name }).first().click();
  await expect(page.getByTestId("close-info")).toContainText(`Cerrada por ${USERS.seller1.name}`);
  await expect(page.getByTestId("close-info")).toContainText("Cliente pidió que lo contacte Daniela");
  await expect(page.getByTestId("owner").last()).toHaveText(USERS.seller2.name);
});

test("the owner marks a conversation unread, and replies inside the 24-hour window", async ({ page }) => {
  await signIn(page, USERS.seller3.email);
  await page.getByRole("link", { name: /./ }).filter({ hasText: "Ventana 24 h abierta" }).first().click();
  await expect(page.getByTestId("window-indicator")).toContainText("Ventana de 24 h abierta");
  await page.getByRole("button", { name: "Acciones de la conversación" }).click();
  await page.getByRole("menuitem", { name: "Marcar como no leída" }).click();
  await expect(page.getByTestId("history")).toContainText("marcó la conversación como no leída");

  const reply = `Hola, le escribo desde la prueba ${Date.now()}`;
  await page.getByLabel("Responder").fill(reply);
  await page.getByLabel("Responder").press("Enter");
  await expect(page.getByTestId("messages")).toContainText(reply);
  await expect(page.getByLabel("Responder")).toHaveValue("");
});
