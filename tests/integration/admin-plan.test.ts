import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/client";
import { historyEntries } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/access/actor";
import { auditDenial } from "@/lib/access/admin";
import { inboxAccess } from "@/lib/access/inbox";
import { changePlan, setAddon } from "@/lib/admin/subscription";
import { openTestDb } from "@/tests/support/db";
import { createAccount, createUser } from "@/tests/support/factories";

let conn: Connection;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(conn.db, userId);
  if (!actor) throw new Error("actor not found");
  return actor;
}

describe("plan and add-ons", () => {
  it("removing the WhatsApp add-on locks the inbox for everyone at their next request; adding it back unlocks it", async () => {
    const account = await createAccount(conn.db, { plan: "pro", addons: ["whatsapp"] });
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    const seller = await createUser(conn.db, account.id, { role: "seller" });
    const support = await createUser(conn.db, account.id, { role: "support" });
    expect(inboxAccess(await actorOf(seller.id))).toEqual({ ok: true });

    expect(await setAddon(conn.db, await actorOf(admin.id), { addon: "whatsapp", active: false })).toEqual({ ok: true, changed: true });
    expect(inboxAccess(await actorOf(seller.id))).toEqual({ ok: false, error: "plan_required" });
    expect(inboxAccess(await actorOf(admin.id))).toEqual({ ok: false, error: "plan_required" });
    expect(auditDenial(await actorOf(support.id))).toBe("plan_required");

    expect(await setAddon(conn.db, await actorOf(admin.id), { addon: "whatsapp", active: true })).toEqual({ ok: true, changed: true });
    expect(inboxAccess(await actorOf(seller.id))).toEqual({ ok: true });
    expect(auditDenial(await actorOf(support.id))).toBeNull();

    const entries = await conn.db.select().from(historyEntries).where(eq(historyEntries.accountId, account.id)).orderBy(asc(historyEntries.id));
    expect(entries.map((e) => [e.kind, e.actorId, e.data])).toEqual([
      ["account.addon_changed", admin.id, { addon: "whatsapp", active: false, from: true, to: false }],
      ["account.addon_changed", admin.id, { addon: "whatsapp", active: true, from: false, to: true }],
    ]);
  });

  it("moving to Basic locks the inbox, to Enterprise unlocks it; each change is recorded with from and to", async () => {
    const account = await createAccount(conn.db, { plan: "pro" });
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    const seller = await createUser(conn.db, account.id, { role: "seller" });
    expect(await changePlan(conn.db, await actorOf(admin.id), { plan: "basic" })).toEqual({ ok: true, changed: true });
    expect(inboxAccess(await actorOf(seller.id))).toEqual({ ok: false, error: "plan_required" });
    // Admins keep Settings on every plan: they must be able to upgrade again.
    expect(await changePlan(conn.db, await actorOf(admin.id), { plan: "enterprise" })).toEqual({ ok: true, changed: true });
    expect(inboxAccess(await actorOf(seller.id))).toEqual({ ok: true });
    expect(await changePlan(conn.db, await actorOf(admin.id), { plan: "enterprise" })).toEqual({ ok: true, changed: false });
    const entries = await conn.db.select().from(historyEntries).where(eq(historyEntries.accountId, account.id)).orderBy(asc(historyEntries.id));
    expect(entries.map((e) => [e.kind, e.actorId, e.data])).toEqual([
      ["account.plan_changed", admin.id, { from: "pro", to: "basic" }],
      ["account.plan_changed", admin.id, { from: "basic", to: "enterprise" }],
    ]);
  });

  it("only admins change the subscription, and only their own account's", async () => {
    const account = await createAccount(conn.db, { plan: "pro" });
    const other = await createAccount(conn.db, { plan: "pro" });
    await createUser(conn.db, account.id, { role: "admin" });
    const otherAdmin = await createUser(conn.db, other.id, { role: "admin" });
    for (const role of ["seller", "support", "editor"] as const) {
      const user = await createUser(conn.db, account.id, { role });
      const actor = await actorOf(user.id);
      expect(await changePlan(conn.db, actor, { plan: "enterprise" })).toEqual({ ok: false, error: "forbidden" });
      expect(await setAddon(conn.db, actor, { addon: "whatsapp", active: false })).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await changePlan(conn.db, await actorOf(otherAdmin.id), { plan: "basic" })).toEqual({ ok: true, changed: true });
    const admin = (await actorOf((await createUser(conn.db, account.id, { role: "admin" })).id));
    expect(admin.plan).toBe("pro");
    expect(admin.addons).toEqual(["whatsapp"]);
    expect(await changePlan(conn.db, admin, { plan: "gold" as "pro" })).toEqual({ ok: false, error: "invalid_input" });
  });
});
