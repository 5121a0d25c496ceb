import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automations } from "@/db/schema";
import { createAccount, createGroup, createUser } from "@/tests/support/factories";
import { automationActions } from "@/lib/automations/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;
const reply = { type: "reply" as const, text: "Hola" };

describe("managing flows", () => {
  it("an admin creates, pauses and deletes a flow of their account", async () => {
    const account = await createAccount(conn.db);
    const admin = await actorOf((await createUser(conn.db, account.id, { role: "admin" })).id);
    const seller = await createUser(conn.db, account.id, { role: "seller" });
    const group = await createGroup(conn.db, account.id, "Ventas", [seller.id]);
    const created = await conn.act(automationActions.create, admin, {
      name: "Reparto",
      trigger: "conversation.opened_by_whatsapp",
      actions: [reply, { type: "assign_round_robin", groupId: group.id }, { type: "webhook", url: "https://example.test/hook" }],
    });
    expect(created.ok).toBe(true);
    const id = (created as { id: string }).id;
    expect(await conn.act(automationActions.setActive, admin, { id: id, active: false })).toEqual({ ok: true });
    const [paused] = await conn.db.select().from(automations).where(eq(automations.id, id));
    expect(paused).toMatchObject({ active: false, createdById: admin.userId });
    expect(paused!.signingSecret.length).toBeGreaterThanOrEqual(24);
    expect(await conn.act(automationActions.remove, admin, id)).toEqual({ ok: true });
  });

  it("refuses sellers, other tenants' users and groups, bad URLs and empty flows", async () => {
    const account = await createAccount(conn.db);
    const admin = await actorOf((await createUser(conn.db, account.id, { role: "admin" })).id);
    const seller = await actorOf((await createUser(conn.db, account.id, { role: "seller" })).id);
    const other = await createAccount(conn.db);
    const foreignUser = await createUser(conn.db, other.id, { role: "seller" });
    const foreignGroup = await createGroup(conn.db, other.id, "Ajeno", [foreignUser.id]);
    const base = { name: "Flujo", trigger: "conversation.closed" as const };
    expect(await conn.act(automationActions.create, seller, { ...base, actions: [reply] })).toEqual({ ok: false, error: "forbidden" });
    expect(await conn.act(automationActions.create, admin, { ...base, actions: [{ type: "assign_user", userId: foreignUser.id }] })).toEqual({ ok: false, error: "invalid_target" });
    expect(await conn.act(automationActions.create, admin, { ...base, actions: [{ type: "assign_round_robin", groupId: foreignGroup.id }] })).toEqual({ ok: false, error: "invalid_target" });
    expect(await conn.act(automationActions.create, admin, { ...base, actions: [{ type: "webhook", url: "ftp://example.test" }] })).toEqual({ ok: false, error: "invalid_input" });
    for (const url of ["http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://169.254.169.254/latest", "https://10.0.0.7/hook", "http://2130706433/"]) {
      expect(await conn.act(automationActions.create, admin, { ...base, actions: [{ type: "webhook", url }] })).toEqual({ ok: false, error: "invalid_input" });
    }
    expect(await conn.act(automationActions.create, admin, { ...base, actions: [] })).toEqual({ ok: false, error: "invalid_input" });
    expect(await conn.db.select().from(automations).where(eq(automations.accountId, account.id))).toEqual([]);
  });

  it("an admin can't touch another account's flow", async () => {
    const account = await createAccount(conn.db);
    const admin = await actorOf((await createUser(conn.db, account.id, { role: "admin" })).id);
    const other = await createAccount(conn.db);
    const otherAdmin = await actorOf((await createUser(conn.db, other.id, { role: "admin" })).id);
    const created = (await conn.act(automationActions.create, otherAdmin, { name: "Suyo", trigger: "conversation.closed", actions: [reply] })) as { id: string };
    expect(await conn.act(automationActions.setActive, admin, { id: created.id, active: false })).toEqual({ ok: false, error: "not_found" });
    expect(await conn.act(automationActions.remove, admin, created.id)).toEqual({ ok: false, error: "not_found" });
  });
});
