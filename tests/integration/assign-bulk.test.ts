import { and, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Connection } from "@/db/client";
import { contacts, conversations, historyEntries, opportunities } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/access/actor";
import { assignInBulk } from "@/lib/assignment/assign-bulk";
import { countMatching } from "@/lib/inbox/selection";
import { openTestDb } from "@/tests/support/db";
import {
  createAccount,
  createContact,
  createConversation,
  createGroup,
  createOpportunity,
  createUser,
} from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";

let conn: Connection;
beforeAll(async () => {
  conn = await openTestDb();
});
afterAll(async () => {
  await conn.close();
});

const actorOf = async (id: string) => (await loadActor(conn.db, id)) as Actor;

async function setup(count = 6) {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin" });
  const sellers = [];
  for (let i = 0; i < 3; i++) sellers.push(await createUser(conn.db, account.id, { role: "seller" }));
  const inactive = await createUser(conn.db, account.id, { role: "seller", active: false });
  const editor = await createUser(conn.db, account.id, { role: "editor" });
  const created = [];
  for (let i = 0; i < count; i++) {
    created.push(
      await createConversation(conn.db, account.id, {
        lastInboundAt: new Date(Date.now() - (count - i) * 60_000),
        lastMessageAt: new Date(Date.now() - (count - i) * 60_000),
      }),
    );
  }
  return { account, admin, sellers, inactive, editor, conversations: created };
}

async function ownersOf(ids: string[]) {
  const rows = await conn.db
    .select({ id: conversations.id, ownerId: conversations.ownerId })
    .from(conversations)
    .where(inArray(conversations.id, ids));
  return new Map(rows.map((r) => [r.id, r.ownerId]));
}

describe("bulk assignment modes", () => {
  it("to a specific user, selected one by one, with unread and history per conversation", async () => {
    const s = await setup(4);
    const ids = s.conversations.slice(0, 3).map((c) => c.id);
    const result = await assignInBulk(conn.db, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids },
      target: { mode: "user", userId: s.sellers[0]!.id },
      markUnread: true,
    });
    expect(result).toMatchObject({ ok: true, summary: { total: 3, assigned: [{ userId: s.sellers[0]!.id, count: 3 }], skipped: [] } });
    const owners = await ownersOf(s.conversations.map((c) => c.id));
    expect(ids.map((id) => owners.get(id))).toEqual([s.sellers[0]!.id, s.sellers[0]!.id, s.sellers[0]!.id]);
    expect(owners.get(s.conversations[3]!.id)).toBeNull();
    const history = await conn.db.select().from(historyEntries).where(inArray(historyEntries.conversationId, ids));
    expect(history.map((h) => [h.conversationId, h.kind, h.data]).sort()).toEqual(
      ids.map((id) => [id, "conversation.assigned", { from: null, to: s.sellers[0]!.id, mode: "user", markedUnread: true }]).sort(),
    );
  });

  it("to each contact's owner: contacts without owner are skipped and reported", async () => {
    const s = await setup(0);
    const owned = await createContact(conn.db, s.account.id, { ownerId: s.sellers[1]!.id });
    const orphan = await createContact(conn.db, s.account.id);
    const byInactive = await createContact(conn.db, s.account.id, { ownerId: s.inactive.id });
    const a = await createConversation(conn.db, s.account.id, { contactId: owned.id });
    const b = await createConversation(conn.db, s.account.id, { contactId: orphan.id });
    const c = await createConversation(conn.db, s.account.id, { contactId: byInactive.id });
    const deal = await createOpportunity(conn.db, s.account.id, owned.id);
    const result = await assignInBulk(conn.db, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: [a.id, b.id, c.id] },
      target: { mode: "contact_owner" },
      transfer: { contact: true, opportunities: true, activities: false, tasks: false, onlyOpen: false },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.assigned).toEqual([{ userId: s.sellers[1]!.id, count: 1 }]);
    expect(result.summary.skipped.sort((x, y) => x.reason.localeCompare(y.reason))).toEqual([
      { reason: "contact_has_no_owner", count: 1 },
      { reason: "contact_owner_inactive", count: 1 },
    ]);
    const owners = await ownersOf([a.id, b.id, c.id]);
    expect([owners.get(a.id), owners.get(b.id), owners.get(c.id)]).toEqual([s.sellers[1]!.id, null, null]);
    const [movedDeal] = await conn.db.select().from(opportunities).where(eq(opportunities.id, deal.id));
    expect(movedDeal?.ownerId).toBe(s.sellers[1]!.id);
  });

  it("'No asignar' empties the owner of every selected conversation", async () => {
    const s = await setup(3);
    await conn.db.update(conversations).set({ ownerId: s.sellers[0]!.id }).where(eq(conversations.accountId, s.account.id));
    const result = await assignInBulk(conn.db, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: s.conversations.map((c) => c.id) },
      target: { mode: "none" },
    });
    expect(result).toMatchObject({ ok: true, summary: { assigned: [{ userId: null, count: 3 }] } });
  });

  it("round robin among groups counts a person in two groups once, skips inactive members, and carries records to whoever got each", async () => {
    const s = await setup(9);
    const north = await createGroup(conn.db, s.account.id, "Norte", [s.sellers[0]!.id, s.sellers[1]!.id, s.inactive.id]);
    const all = await createGroup(conn.db, s.account.id, "Vendedores", s.sellers.map((u) => u.id));
    for (const c of s.conversations) await createOpportunity(conn.db, s.account.id, c.contactId);
    const result = await assignInBulk(conn.db, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: s.conversations.map((c) => c.id) },
      target: { mode: "round_robin", pool: { kind: "groups", groupIds: [north.id, all.id] } },
      transfer: { contact: true, opportunities: true, activities: false, tasks: false, onlyOpen: true },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.assigned.map((a) => a.count)).toEqual([3, 3, 3]);
    expect(new Set(result.summary.assigned.map((a) => a.userId))).toEqual(new Set(s.sellers.map((u) => u.id)));
    const rows = await conn.db
      .select({ owner: conversations.ownerId, contactOwner: contacts.ownerId, dealOwner: opportunities.ownerId })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(opportunities, eq(opportunities.contactId, contacts.id))
      .where(eq(conversations.accountId, s.account.id));
    for (const row of rows) {
      expect(row.contactOwner).toBe(row.owner);
      expect(row.dealOwner).toBe(row.owner);
    }
  });

  it("round robin deals the oldest-waiting conversations first", async () => {
    const s = await setup(4);
    const result = await assignInBulk(conn.db, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: s.conversations.map((c) => c.id) },
      target: { mode: "round_robin", pool: { kind: "users", userIds: [s.sellers[0]!.id, s.sellers[1]!.id, s.sellers[2]!.id] } },
    });
    expect(result.ok).toBe(true);
    const owners = await ownersOf(s.conversations.map((c) => c.id));
    // Four conversations over three people: the oldest and the newest go to the same person.
    const ordered = s.conversations.map((c) => owners.get(c.id));
    expect(ordered[0]).toBe(ordered[3]);
    expect(new Set(ordered.slice(0, 3)).size).toBe(3);
  });
});

describe("round robin fairness", () => {
  it("counts differ by at most one, within one action and across successive actions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
        async (poolSize, batches) => {
          const account = await createAccount(conn.db);
          const admin = await createUser(conn.db, account.id, { role: "admin" });
          const pool = [];
          for (let i = 0; i < poolSize; i++) pool.push((await createUser(conn.db, account.id, { role: "seller" })).id);
          const totals = new Map(pool.map((id) => [id, 0]));
          for (const size of batches) {
            const ids = [];
            for (let i = 0; i < size; i++) ids.push((await createConversation(conn.db, account.id, { messages: [] })).id);
            const result = await assignInBulk(conn.db, await actorOf(admin.id), {
              selection: { kind: "ids", ids },
              target: { mode: "round_robin", pool: { kind: "users", userIds: pool } },
            });
            if (!result.ok) throw new Error(result.error);
            const counts = pool.map((id) => result.summary.assigned.find((a) => a.userId === id)?.count ?? 0);
            expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
            for (const a of result.summary.assigned) totals.set(a.userId!, totals.get(a.userId!)! + a.count);
            const running = [...totals.values()];
            expect(Math.max(...running) - Math.min(...running)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("'Todas' under a filter", () => {
  it("assigns every match on the server, not only loaded rows, and leaves out conversations that arrived after the count", async () => {
    const s = await setup(0);
    for (let i = 0; i < 40; i++) await createConversation(conn.db, s.account.id, { messages: [] });
    await createConversation(conn.db, s.account.id, { ownerId: s.sellers[0]!.id, messages: [] });
    const admin = await actorOf(s.admin.id);
    const params = { owner: "unassigned" };
    const { count, cutoff } = await countMatching(conn.db, admin, params);
    expect(count).toBe(40);
    const late = await createConversation(conn.db, s.account.id, { messages: [] });
    const result = await assignInBulk(conn.db, admin, {
      selection: { kind: "filter", params, cutoff },
      target: { mode: "user", userId: s.sellers[2]!.id },
    });
    expect(result).toMatchObject({ ok: true, summary: { total: 40 } });
    const [lateAfter] = await conn.db.select().from(conversations).where(eq(conversations.id, late.id));
    expect(lateAfter?.ownerId).toBeNull();
  });

  it("for a seller, 'Todas' means only their own conversations", async () => {
    const s = await setup(3);
    const mine = await createConversation(conn.db, s.account.id, { ownerId: s.sellers[0]!.id, messages: [] });
    const seller = await actorOf(s.sellers[0]!.id);
    const { count, cutoff } = await countMatching(conn.db, seller, { owner: "all" });
    expect(count).toBe(1);
    const result = await assignInBulk(conn.db, seller, {
      selection: { kind: "filter", params: { owner: "all" }, cutoff },
      target: { mode: "user", userId: s.sellers[1]!.id },
    });
    expect(result).toMatchObject({ ok: true, summary: { total: 1 } });
    const owners = await ownersOf([mine.id, ...s.conversations.map((c) => c.id)]);
    expect(owners.get(mine.id)).toBe(s.sellers[1]!.id);
    expect(s.conversations.every((c) => owners.get(c.id) === null)).toBe(true);
  });
});

describe("bulk refusals change nothing", () => {
  async function refused(s: Awaited<ReturnType<typeof setup>>, actorId: string, input: Parameters<typeof assignInBulk>[2], error: string) {
    const before = await snapshotAccount(conn.db, s.account.id);
    expect(await assignInBulk(conn.db, await actorOf(actorId), input)).toEqual({ ok: false, error });
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
  }

  it("fewer than two users for Individual, an inactive or foreign user, an empty or foreign group, an editor", async () => {
    const s = await setup(3);
    const other = await setup(1);
    const ids = s.conversations.map((c) => c.id);
    const selection = { kind: "ids" as const, ids };
    const emptyGroup = await createGroup(conn.db, s.account.id, "Vacío", [s.inactive.id]);
    const foreignGroup = await createGroup(conn.db, other.account.id, "Ajeno", [other.sellers[0]!.id]);
    await refused(s, s.admin.id, { selection, target: { mode: "round_robin", pool: { kind: "users", userIds: [s.sellers[0]!.id] } } }, "invalid_input");
    await refused(s, s.admin.id, { selection, target: { mode: "round_robin", pool: { kind: "users", userIds: [s.sellers[0]!.id, s.sellers[0]!.id] } } }, "invalid_input");
    await refused(s, s.admin.id, { selection, target: { mode: "round_robin", pool: { kind: "users", userIds: [s.sellers[0]!.id, s.inactive.id] } } }, "invalid_target");
    await refused(s, s.admin.id, { selection, target: { mode: "user", userId: other.sellers[0]!.id } }, "invalid_target");
    await refused(s, s.admin.id, { selection, target: { mode: "round_robin", pool: { kind: "groups", groupIds: [emptyGroup.id] } } }, "empty_group");
    await refused(s, s.admin.id, { selection, target: { mode: "round_robin", pool: { kind: "groups", groupIds: [foreignGroup.id] } } }, "invalid_target");
    await refused(s, s.editor.id, { selection, target: { mode: "none" } }, "forbidden");
  });

  it("another tenant's conversation ids in the selection match nothing", async () => {
    const s = await setup(1);
    const other = await setup(2);
    await refused(s, s.admin.id, { selection: { kind: "ids", ids: other.conversations.map((c) => c.id) }, target: { mode: "none" } }, "not_found");
    const otherOwners = await ownersOf(other.conversations.map((c) => c.id));
    expect([...otherOwners.values()].every((o) => o === null)).toBe(true);
  });

  it("a seller's selection of others' conversations matches nothing", async () => {
    const s = await setup(2);
    await refused(
      s,
      s.sellers[0]!.id,
      { selection: { kind: "ids", ids: s.conversations.map((c) => c.id) }, target: { mode: "user", userId: s.sellers[0]!.id } },
      "not_found",
    );
  });

  it("a forged cutoff is refused", async () => {
    const s = await setup(1);
    await refused(s, s.admin.id, { selection: { kind: "filter", params: {}, cutoff: "now(); drop table users" }, target: { mode: "none" } }, "invalid_input");
  });
});

describe("limits", () => {
  it("deals a large selection (planned for size) as it deals a small one: owners, records and history", async () => {
    const s = await setup(0);
    const { sql } = await import("drizzle-orm");
    await conn.db.execute(sql`
      with c as (
        insert into contacts (account_id, name, phone, wa_id)
        select ${s.account.id}, 'Grande ' || g, '+57' || (3100000000 + g)::text, '57' || (3100000000 + g)::text
        from generate_series(1, 12000) g returning id
      ), conv as (
        insert into conversations (account_id, contact_id) select ${s.account.id}, id from c returning contact_id
      )
      insert into opportunities (account_id, contact_id, title, status, closed_at)
      select ${s.account.id}, c.id, 'Oportunidad', case when n % 2 = 0 then 'open' else 'won' end,
             case when n % 2 = 0 then null else now() end
      from (select id, row_number() over () as n from c) c`);
    const admin = await actorOf(s.admin.id);
    const { count, cutoff } = await countMatching(conn.db, admin, { owner: "unassigned" });
    expect(count).toBe(12_000);
    const result = await assignInBulk(conn.db, admin, {
      selection: { kind: "filter", params: { owner: "unassigned" }, cutoff },
      target: { mode: "round_robin", pool: { kind: "users", userIds: s.sellers.map((u) => u.id) } },
      transfer: { contact: false, opportunities: true, activities: false, tasks: false, onlyOpen: true },
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.summary.total).toBe(12_000);
    expect(result.summary.assigned.map((a) => a.count)).toEqual([4000, 4000, 4000]);
    expect(result.summary.transferred.opportunities).toBe(6000);

    // Each open deal went to whoever got its contact's conversation; won deals stayed unowned.
    const [mismatched] = await queryRows<{ n: number }>(conn.db, sql`
      select count(*)::int as n from opportunities o
      join conversations c on c.account_id = o.account_id and c.contact_id = o.contact_id
      where o.account_id = ${s.account.id}
        and ((o.status = 'open' and o.owner_id is distinct from c.owner_id) or (o.status <> 'open' and o.owner_id is not null))`);
    expect(mismatched!.n).toBe(0);

    const entries = await conn.db
      .select({ data: historyEntries.data })
      .from(historyEntries)
      .where(eq(historyEntries.accountId, s.account.id));
    expect(entries).toHaveLength(12_000);
    const moved = entries.filter((e) => (e.data as { transferred?: { opportunities: number } }).transferred);
    expect(moved).toHaveLength(6000);
    expect(moved[0]!.data).toMatchObject({ mode: "round_robin", from: null, transferred: { contact: 0, opportunities: 1, activities: 0, tasks: 0 } });
  }, 120_000);

  it("refuses more than 100,000 conversations before changing anything", async () => {
    const s = await setup(0);
    await conn.db.execute(
      (await import("drizzle-orm")).sql`
        with c as (
          insert into contacts (account_id, name, phone, wa_id)
          select ${s.account.id}, 'Masivo ' || g, '+57' || (3000000000 + g)::text, '57' || (3000000000 + g)::text
          from generate_series(1, 100001) g returning id
        )
        insert into conversations (account_id, contact_id) select ${s.account.id}, id from c`,
    );
    const admin = await actorOf(s.admin.id);
    const { count, cutoff } = await countMatching(conn.db, admin, { owner: "unassigned" });
    expect(count).toBe(100_001);
    const result = await assignInBulk(conn.db, admin, {
      selection: { kind: "filter", params: { owner: "unassigned" }, cutoff },
      target: { mode: "user", userId: s.sellers[0]!.id },
    });
    expect(result).toEqual({ ok: false, error: "too_many" });
    const [assigned] = await conn.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, s.account.id), eq(conversations.ownerId, s.sellers[0]!.id)))
      .limit(1);
    expect(assigned).toBeUndefined();
  }, 120_000);
});
