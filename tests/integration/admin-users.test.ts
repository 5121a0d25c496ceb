import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { groupMembers, historyEntries, users } from "@/db/schema";
import { loadActor } from "@/lib/access/actor";
import { listUsers } from "@/lib/admin/users";
import { authenticate } from "@/lib/auth/authenticate";
import { resolveFilters } from "@/lib/inbox/filters";
import { listConversations } from "@/lib/inbox/list-conversations";
import { createAccount, createConversation, createGroup, createUser } from "@/tests/support/factories";
import { accountActions } from "@/lib/admin/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

async function history(accountId: string) {
  return conn.db.select().from(historyEntries).where(eq(historyEntries.accountId, accountId)).orderBy(asc(historyEntries.id));
}

async function buildAccount() {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin", name: "Admin Uno" });
  const seller = await createUser(conn.db, account.id, { role: "seller", name: "Vendedora" });
  const support = await createUser(conn.db, account.id, { role: "support" });
  const editor = await createUser(conn.db, account.id, { role: "editor" });
  return { account, admin, seller, support, editor };
}

describe("creating users", () => {
  it("admin creates a seller with a strong one-time password that signs in, and it is recorded", async () => {
    const { account, admin } = await buildAccount();
    const email = `Nueva.${Date.now()}@Empresa.test`;
    const result = await conn.act(accountActions.createUser, await actorOf(admin.id), { name: " Nueva Vendedora ", email, role: "seller" });
    if (!result.ok) throw new Error(result.error);
    expect(result.password).toMatch(/^[A-Za-z2-9]{18}$/);
    const signedIn = await authenticate(conn.db, { email: email.toLowerCase(), password: result.password });
    expect(signedIn).toMatchObject({ id: result.userId, role: "seller", accountId: account.id, name: "Nueva Vendedora" });
    const [stored] = await conn.db.select().from(users).where(eq(users.id, result.userId));
    expect(stored!.passwordHash).not.toContain(result.password);
    const [entry] = await history(account.id);
    expect(entry).toMatchObject({
      kind: "user.created",
      actorId: admin.id,
      data: { userId: result.userId, name: "Nueva Vendedora", email: email.toLowerCase(), role: "seller" },
    });
  });

  it("refuses an email already used in any account, and invalid input", async () => {
    const { admin } = await buildAccount();
    const other = await buildAccount();
    const actor = await actorOf(admin.id);
    expect(await conn.act(accountActions.createUser, actor, { name: "X", email: other.seller.email, role: "seller" })).toEqual({ ok: false, error: "email_taken" });
    expect(await conn.act(accountActions.createUser, actor, { name: "", email: "a@b.co", role: "seller" })).toEqual({ ok: false, error: "invalid_input" });
    expect(await conn.act(accountActions.createUser, actor, { name: "X", email: "no-es-correo", role: "seller" })).toEqual({ ok: false, error: "invalid_input" });
    expect(await conn.act(accountActions.createUser, actor, { name: "X", email: "x@y.co", role: "owner" as "admin" })).toEqual({ ok: false, error: "invalid_input" });
  });

  it("sellers, support and editors can't create users, nor list them", async () => {
    const { account, seller, support, editor } = await buildAccount();
    for (const user of [seller, support, editor]) {
      const actor = await actorOf(user.id);
      expect(await conn.act(accountActions.createUser, actor, { name: "X", email: `x${Math.random()}@y.co`, role: "admin" })).toEqual({ ok: false, error: "forbidden" });
      expect(await listUsers(conn.db, actor)).toEqual([]);
    }
    expect(await history(account.id)).toEqual([]);
  });
});

describe("roles and the last admin", () => {
  it("admin changes a seller to support; the person leaves their groups and the change is recorded", async () => {
    const { account, admin, seller } = await buildAccount();
    const group = await createGroup(conn.db, account.id, "Vendedores", [seller.id, admin.id]);
    expect(await conn.act(accountActions.changeRole, await actorOf(admin.id), { userId: seller.id, role: "support" })).toEqual({ ok: true, changed: true });
    expect((await actorOf(seller.id)).role).toBe("support");
    const members = await conn.db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
    expect(members.map((m) => m.userId)).toEqual([admin.id]);
    const [entry] = await history(account.id);
    expect(entry).toMatchObject({
      kind: "user.role_changed",
      actorId: admin.id,
      data: { userId: seller.id, from: "seller", to: "support", removedFromGroups: [group.id] },
    });
  });

  it("the last active admin can't be demoted or deactivated, even by themselves", async () => {
    const { account, admin } = await buildAccount();
    await createUser(conn.db, account.id, { role: "admin", active: false });
    const actor = await actorOf(admin.id);
    expect(await conn.act(accountActions.changeRole, actor, { userId: admin.id, role: "seller" })).toEqual({ ok: false, error: "last_admin" });
    expect(await conn.act(accountActions.setUserActive, actor, { userId: admin.id, active: false })).toEqual({ ok: false, error: "last_admin" });
    expect((await actorOf(admin.id)).role).toBe("admin");
    expect(await history(account.id)).toEqual([]);
  });

  it("two admins demoting each other at the same moment leave one admin", async () => {
    const { account, admin } = await buildAccount();
    const admin2 = await createUser(conn.db, account.id, { role: "admin" });
    const [a, b] = [await actorOf(admin.id), await actorOf(admin2.id)];
    const results = await Promise.all([
      conn.act(accountActions.changeRole, a, { userId: admin2.id, role: "seller" }),
      conn.act(accountActions.changeRole, b, { userId: admin.id, role: "seller" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "last_admin" }]);
    const admins = await conn.db
      .select()
      .from(users)
      .where(and(eq(users.accountId, account.id), eq(users.role, "admin"), eq(users.active, true)));
    expect(admins).toHaveLength(1);
  });

  it("an admin can't deactivate themselves, even with another admin to spare", async () => {
    const { account, admin } = await buildAccount();
    await createUser(conn.db, account.id, { role: "admin" });
    expect(await conn.act(accountActions.setUserActive, await actorOf(admin.id), { userId: admin.id, active: false })).toEqual({
      ok: false,
      error: "self_deactivation",
    });
    expect(await actorOf(admin.id)).not.toBeNull();
    expect(await history(account.id)).toEqual([]);
  });

  it("with another active admin, an admin can be demoted", async () => {
    const { account, admin } = await buildAccount();
    const admin2 = await createUser(conn.db, account.id, { role: "admin" });
    expect(await conn.act(accountActions.changeRole, await actorOf(admin.id), { userId: admin2.id, role: "seller" })).toEqual({ ok: true, changed: true });
  });

  it("nobody changes a user of another account, whatever id they send", async () => {
    const { admin } = await buildAccount();
    const other = await buildAccount();
    const actor = await actorOf(admin.id);
    expect(await conn.act(accountActions.changeRole, actor, { userId: other.seller.id, role: "admin" })).toEqual({ ok: false, error: "not_found" });
    expect(await conn.act(accountActions.setUserActive, actor, { userId: other.seller.id, active: false })).toEqual({ ok: false, error: "not_found" });
    expect((await actorOf(other.seller.id)).role).toBe("seller");
  });

  it("a seller can't change roles, even their own", async () => {
    const { seller, support } = await buildAccount();
    expect(await conn.act(accountActions.changeRole, await actorOf(seller.id), { userId: seller.id, role: "admin" })).toEqual({ ok: false, error: "forbidden" });
    expect(await conn.act(accountActions.setUserActive, await actorOf(support.id), { userId: seller.id, active: false })).toEqual({ ok: false, error: "forbidden" });
  });
});

describe("deactivating and reactivating", () => {
  it("a deactivated seller's session stops at the next request, their conversations stay theirs and are found by the filter", async () => {
    const { account, admin, seller } = await buildAccount();
    const theirs = await createConversation(conn.db, account.id, { ownerId: seller.id });
    await createConversation(conn.db, account.id, { ownerId: admin.id });
    const adminActor = await actorOf(admin.id);
    expect(await loadActor(conn.db, seller.id)).not.toBeNull();

    expect(await conn.act(accountActions.setUserActive, adminActor, { userId: seller.id, active: false })).toEqual({ ok: true, changed: true });
    expect(await loadActor(conn.db, seller.id)).toBeNull();

    const page = await listConversations(conn.db, adminActor, resolveFilters({ owner: "inactive" }, "admin"));
    expect(page.rows.map((r) => ({ id: r.id, ownerActive: r.ownerActive }))).toEqual([{ id: theirs.id, ownerActive: false }]);

    expect(await conn.act(accountActions.setUserActive, adminActor, { userId: seller.id, active: true })).toEqual({ ok: true, changed: true });
    expect(await loadActor(conn.db, seller.id)).not.toBeNull();
    expect((await listConversations(conn.db, adminActor, resolveFilters({ owner: "inactive" }, "admin"))).rows).toEqual([]);

    expect((await history(account.id)).map((h) => [h.kind, h.actorId, h.data])).toEqual([
      ["user.deactivated", admin.id, expect.objectContaining({ userId: seller.id, from: { active: true }, to: { active: false } })],
      ["user.reactivated", admin.id, expect.objectContaining({ userId: seller.id, from: { active: false }, to: { active: true } })],
    ]);
  });

  it("the inactive-owner filter never shows another account's conversations", async () => {
    const { admin } = await buildAccount();
    const other = await buildAccount();
    const gone = await createUser(conn.db, other.account.id, { role: "seller", active: false });
    await createConversation(conn.db, other.account.id, { ownerId: gone.id });
    const page = await listConversations(conn.db, await actorOf(admin.id), resolveFilters({ owner: "inactive" }, "admin"));
    expect(page.rows).toEqual([]);
  });

  it("setting the state a user already has changes nothing and records nothing", async () => {
    const { account, admin, seller } = await buildAccount();
    expect(await conn.act(accountActions.setUserActive, await actorOf(admin.id), { userId: seller.id, active: true })).toEqual({ ok: true, changed: false });
    expect(await history(account.id)).toEqual([]);
  });
});
