import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { historyEntries } from "@/db/schema";
import { denial, pageAccess } from "@/lib/access/policy";
import { createAccount, createUser } from "@/tests/support/factories";
import { accountActions } from "@/lib/admin/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

describe("plan and add-ons", () => {
  it("removing the WhatsApp add-on locks the inbox for everyone at their next request; adding it back unlocks it", async () => {
    const account = await createAccount(conn.db, { plan: "pro", addons: ["whatsapp"] });
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    const seller = await createUser(conn.db, account.id, { role: "seller" });
    const support = await createUser(conn.db, account.id, { role: "support" });
    expect(pageAccess(await actorOf(seller.id), "seeInbox")).toBe("ok");

    expect(await conn.act(accountActions.setAddon, await actorOf(admin.id), { addon: "whatsapp", active: false })).toEqual({ ok: true, changed: true });
    expect(pageAccess(await actorOf(seller.id), "seeInbox")).toBe("locked");
    expect(pageAccess(await actorOf(admin.id), "seeInbox")).toBe("locked");
    expect(denial(await actorOf(support.id), "auditCloses")).toBe("plan_required");

    expect(await conn.act(accountActions.setAddon, await actorOf(admin.id), { addon: "whatsapp", active: true })).toEqual({ ok: true, changed: true });
    expect(pageAccess(await actorOf(seller.id), "seeInbox")).toBe("ok");
    expect(denial(await actorOf(support.id), "auditCloses")).toBeNull();

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
    expect(await conn.act(accountActions.changePlan, await actorOf(admin.id), { plan: "basic" })).toEqual({ ok: true, changed: true });
    expect(pageAccess(await actorOf(seller.id), "seeInbox")).toBe("locked");
    // Admins keep Settings on every plan: they must be able to upgrade again.
    expect(await conn.act(accountActions.changePlan, await actorOf(admin.id), { plan: "enterprise" })).toEqual({ ok: true, changed: true });
    expect(pageAccess(await actorOf(seller.id), "seeInbox")).toBe("ok");
    expect(await conn.act(accountActions.changePlan, await actorOf(admin.id), { plan: "enterprise" })).toEqual({ ok: true, changed: false });
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
      expect(await conn.act(accountActions.changePlan, actor, { plan: "enterprise" })).toEqual({ ok: false, error: "forbidden" });
      expect(await conn.act(accountActions.setAddon, actor, { addon: "whatsapp", active: false })).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await conn.act(accountActions.changePlan, await actorOf(otherAdmin.id), { plan: "basic" })).toEqual({ ok: true, changed: true });
    const admin = (await actorOf((await createUser(conn.db, account.id, { role: "admin" })).id));
    expect(admin.plan).toBe("pro");
    expect(admin.addons).toEqual(["whatsapp"]);
    expect(await conn.act(accountActions.changePlan, admin, { plan: "gold" as "pro" })).toEqual({ ok: false, error: "invalid_input" });
  });
});
