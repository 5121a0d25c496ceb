import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automations, groups, historyEntries } from "@/db/schema";
import { listGroups } from "@/lib/admin/groups";
import { resolveFilters } from "@/lib/inbox/filters";
import { listConversations } from "@/lib/inbox/list-conversations";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { accountActions } from "@/lib/admin/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

async function buildAccount() {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin" });
  const seller = await createUser(conn.db, account.id, { role: "seller", name: "Ana Vendedora" });
  const support = await createUser(conn.db, account.id, { role: "support" });
  const editor = await createUser(conn.db, account.id, { role: "editor" });
  return { account, admin, seller, support, editor, actor: await actorOf(admin.id) };
}

describe("groups", () => {
  it("admin creates, renames, fills, empties and deletes a group; each change is recorded", async () => {
    const { account, admin, seller, actor } = await buildAccount();
    const created = await conn.act(accountActions.createGroup, actor, { name: "  Equipo Sur " });
    if (!created.ok) throw new Error(created.error);
    const groupId = created.groupId;
    expect(await conn.act(accountActions.renameGroup, actor, { groupId, name: "Equipo Norte" })).toEqual({ ok: true });
    expect(await conn.act(accountActions.addGroupMember, actor, { groupId, userId: seller.id })).toEqual({ ok: true });
    expect(await conn.act(accountActions.addGroupMember, actor, { groupId, userId: admin.id })).toEqual({ ok: true });
    const [listed] = await listGroups(conn.db, actor);
    expect(listed).toMatchObject({ id: groupId, name: "Equipo Norte" });
    expect(listed!.members.map((m) => m.id).sort()).toEqual([seller.id, admin.id].sort());
    expect(await conn.act(accountActions.removeGroupMember, actor, { groupId, userId: admin.id })).toEqual({ ok: true });
    expect(await conn.act(accountActions.deleteGroup, actor, { groupId })).toEqual({ ok: true });
    expect(await listGroups(conn.db, actor)).toEqual([]);

    const entries = await conn.db.select().from(historyEntries).where(eq(historyEntries.accountId, account.id)).orderBy(asc(historyEntries.id));
    expect(entries.every((e) => e.kind === "group.changed" && e.actorId === admin.id)).toBe(true);
    expect(entries.map((e) => e.data)).toEqual([
      { change: "created", groupId, name: "Equipo Sur" },
      { change: "renamed", groupId, from: "Equipo Sur", to: "Equipo Norte" },
      { change: "member_added", groupId, name: "Equipo Norte", userId: seller.id },
      { change: "member_added", groupId, name: "Equipo Norte", userId: admin.id },
      { change: "member_removed", groupId, name: "Equipo Norte", userId: admin.id },
      { change: "deleted", groupId, name: "Equipo Norte", from: { members: [seller.id] } },
    ]);
  });

  it("only active admins and sellers of the account can be members", async () => {
    const { account, support, editor, actor } = await buildAccount();
    const other = await buildAccount();
    const gone = await createUser(conn.db, account.id, { role: "seller", active: false });
    const created = await conn.act(accountActions.createGroup, actor, { name: "Vendedores" });
    if (!created.ok) throw new Error(created.error);
    for (const userId of [support.id, editor.id, gone.id, other.seller.id]) {
      expect(await conn.act(accountActions.addGroupMember, actor, { groupId: created.groupId, userId })).toEqual({ ok: false, error: "invalid_target" });
    }
    expect((await listGroups(conn.db, actor))[0]!.members).toEqual([]);
  });

  it("names are unique within the account and required", async () => {
    const { actor } = await buildAccount();
    const other = await buildAccount();
    expect((await conn.act(accountActions.createGroup, actor, { name: "Vendedores" })).ok).toBe(true);
    expect(await conn.act(accountActions.createGroup, actor, { name: "Vendedores" })).toEqual({ ok: false, error: "name_taken" });
    expect((await conn.act(accountActions.createGroup, other.actor, { name: "Vendedores" })).ok).toBe(true);
    expect(await conn.act(accountActions.createGroup, actor, { name: "   " })).toEqual({ ok: false, error: "invalid_input" });
  });

  it("the inbox group filter reads the same membership", async () => {
    const { account, seller, actor } = await buildAccount();
    const conversation = await createConversation(conn.db, account.id, { ownerId: seller.id });
    await createConversation(conn.db, account.id, { ownerId: null });
    const created = await conn.act(accountActions.createGroup, actor, { name: "Filtro" });
    if (!created.ok) throw new Error(created.error);
    await conn.act(accountActions.addGroupMember, actor, { groupId: created.groupId, userId: seller.id });
    const page = await listConversations(conn.db, actor, resolveFilters({ group: created.groupId }, "admin"));
    expect(page.rows.map((r) => r.id)).toEqual([conversation.id]);
  });

  it("a group that an automation deals among can't be deleted until the flow stops using it", async () => {
    const { account, seller, actor } = await buildAccount();
    const created = await conn.act(accountActions.createGroup, actor, { name: "Reparto" });
    if (!created.ok) throw new Error(created.error);
    await conn.act(accountActions.addGroupMember, actor, { groupId: created.groupId, userId: seller.id });
    const [flow] = await conn.db
      .insert(automations)
      .values({
        accountId: account.id,
        name: "Repartir nuevas",
        trigger: "conversation.opened_by_whatsapp",
        actions: [{ type: "reply", text: "Hola" }, { type: "assign_round_robin", groupId: created.groupId }],
        signingSecret: "s",
      })
      .returning();

    expect(await conn.act(accountActions.deleteGroup, actor, { groupId: created.groupId })).toEqual({ ok: false, error: "group_in_use" });
    expect(await conn.db.select().from(groups).where(eq(groups.id, created.groupId))).toHaveLength(1);

    await conn.db.update(automations).set({ actions: [{ type: "reply", text: "Hola" }] }).where(eq(automations.id, flow!.id));
    expect(await conn.act(accountActions.deleteGroup, actor, { groupId: created.groupId })).toEqual({ ok: true });
    expect(await conn.db.select().from(groups).where(eq(groups.id, created.groupId))).toHaveLength(0);
  });

  it("other roles and other tenants are refused and nothing changes", async () => {
    const { seller, support, editor, actor } = await buildAccount();
    const other = await buildAccount();
    const created = await conn.act(accountActions.createGroup, other.actor, { name: "Ajeno" });
    if (!created.ok) throw new Error(created.error);
    const groupId = created.groupId;
    expect(await conn.act(accountActions.renameGroup, actor, { groupId, name: "Mío" })).toEqual({ ok: false, error: "not_found" });
    expect(await conn.act(accountActions.deleteGroup, actor, { groupId })).toEqual({ ok: false, error: "not_found" });
    expect(await conn.act(accountActions.addGroupMember, actor, { groupId, userId: other.seller.id })).toEqual({ ok: false, error: "not_found" });
    for (const user of [seller, support, editor]) {
      const denied = await actorOf(user.id);
      expect(await conn.act(accountActions.createGroup, denied, { name: "Nuevo" })).toEqual({ ok: false, error: "forbidden" });
      expect(await conn.act(accountActions.deleteGroup, denied, { groupId })).toEqual({ ok: false, error: "forbidden" });
      expect(await listGroups(conn.db, denied)).toEqual([]);
    }
    const [still] = await conn.db.select().from(groups).where(eq(groups.id, groupId));
    expect(still!.name).toBe("Ajeno");
  });
});
