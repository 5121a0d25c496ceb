import { and, eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { contacts, conversations, historyEntries, opportunities } from "@/db/schema";
import { countMatching } from "@/lib/inbox/selection";
import { createAccount, createContact, createConversation, createGroup, createOpportunity, createUser } from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";
import { assignmentActions } from "@/lib/assignment/actions";
import type { BulkAssignInput } from "@/lib/assignment/bulk-input";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

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
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
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
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
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
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: s.conversations.map((c) => c.id) },
      target: { mode: "none" },
    });
    expect(result).toMatchObject({ ok: true, summary: { assigned: [{ userId: null, count: 3 }] } });
  });

  it("conversations already theirs are reported unchanged: no history, no new version, not counted as assigned", async () => {
    const s = await setup(0);
    const owner = s.sellers[1]!.id;
    const theirs = await createContact(conn.db, s.account.id, { ownerId: owner });
    const already = await createConversation(conn.db, s.account.id, { contactId: theirs.id, ownerId: owner, unread: true });
    const moving = await createConversation(conn.db, s.account.id, {
      contactId: (await createContact(conn.db, s.account.id, { ownerId: owner })).id,
    });
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: [already.id, moving.id] },
      target: { mode: "contact_owner" },
      markUnread: true,
    });
    expect(result).toMatchObject({
      ok: true,
      summary: { total: 2, assigned: [{ userId: owner, count: 1 }], skipped: [{ reason: "unchanged", count: 1 }] },
    });
    const [row] = await conn.db.select().from(conversations).where(eq(conversations.id, already.id));
    expect(row).toMatchObject({ version: 1, ownerId: owner, changedXid: already.changedXid });
    expect(await conn.db.select().from(historyEntries).where(eq(historyEntries.conversationId, already.id))).toEqual([]);
  });

  it("round robin among groups counts a person in two groups once, skips inactive members, and carries records to whoever got each", async () => {
    const s = await setup(9);
    const north = await createGroup(conn.db, s.account.id, "Norte", [s.sellers[0]!.id, s.sellers[1]!.id, s.inactive.id]);
    const all = await createGroup(conn.db, s.account.id, "Vendedores", s.sellers.map((u) => u.id));
    for (const c of s.conversations) await createOpportunity(conn.db, s.account.id, c.contactId);
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
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

  it("round robin deals the oldest-waiting conversations first, in the pool's order", async () => {
    const s = await setup(0);
    // Created newest first, so creation order and waiting order disagree.
    const byAge = [];
    for (const minutesAgo of [10, 40, 20, 30]) {
      byAge.push({
        minutesAgo,
        conversation: await createConversation(conn.db, s.account.id, {
          lastInboundAt: new Date(Date.now() - minutesAgo * 60_000),
          lastMessageAt: new Date(Date.now() - 60_000),
        }),
      });
    }
    byAge.sort((a, b) => b.minutesAgo - a.minutesAgo);
    // Nobody has been dealt anything yet, so the pool goes in id order.
    const pool = s.sellers.map((u) => u.id).sort();
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: byAge.map((b) => b.conversation.id) },
      target: { mode: "round_robin", pool: { kind: "users", userIds: [...pool].reverse() } },
    });
    expect(result.ok).toBe(true);
    const owners = await ownersOf(byAge.map((b) => b.conversation.id));
    // Oldest (40 min) to the first, then 30 → second, 20 → third, and the newest (10) to the first again.
    expect(byAge.map((b) => owners.get(b.conversation.id))).toEqual([pool[0], pool[1], pool[2], pool[0]]);
  });

  it("whoever was dealt fewest so far is dealt first", async () => {
    const s = await setup(0);
    const [a, b] = [s.sellers[0]!.id, s.sellers[1]!.id].sort();
    // b has been dealt less than a: b goes first although a sorts first.
    await conn.db.execute(sql`insert into round_robin_counters (account_id, user_id, dealt) values (${s.account.id}, ${a}, 5), (${s.account.id}, ${b}, 1)`);
    const old = await createConversation(conn.db, s.account.id, { lastInboundAt: new Date(Date.now() - 3_600_000) });
    const recent = await createConversation(conn.db, s.account.id, { lastInboundAt: new Date() });
    const result = await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), {
      selection: { kind: "ids", ids: [recent.id, old.id] },
      target: { mode: "round_robin", pool: { kind: "users", userIds: [a!, b!] } },
    });
    expect(result.ok).toBe(true);
    const owners = await ownersOf([old.id, recent.id]);
    expect([owners.get(old.id), owners.get(recent.id)]).toEqual([b, a]);
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
            const result = await conn.act(assignmentActions.assignInBulk, await actorOf(admin.id), {
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
    const result = await conn.act(assignmentActions.assignInBulk, admin, {
      selection: { kind: "filter", params, cutoff },
      target: { mode: "user", userId: s.sellers[2]!.id },
    });
    expect(result).toMatchObject({ ok: true, summary: { total: 40 } });
    const [lateAfter] = await conn.db.select().from(conversations).where(eq(conversations.id, late.id));
    expect(lateAfter?.ownerId).toBeNull();
  });

  it("leaves out what only started matching after the count (reopened, reassigned into the filter) and says how many", async () => {
    const s = await setup(3);
    const admin = await actorOf(s.admin.id);
    const closed = await createConversation(conn.db, s.account.id, { status: "closed", closedById: s.admin.id });
    const owned = await createConversation(conn.db, s.account.id, { ownerId: s.sellers[0]!.id });
    const params = { owner: "unassigned" };
    const { count, cutoff } = await countMatching(conn.db, admin, params);
    expect(count).toBe(3);
    // After the count: the customer writes again (reopening it, unassigned), and someone unassigns the other.
    await conn.db.execute(sql`update conversations set status = 'open', closed_at = null, closed_by_id = null, close_reason = null,
      owner_id = null where id = ${closed.id}`);
    expect(await conn.act(assignmentActions.assignOne, admin, { conversationId: owned.id, version: 1, target: { mode: "none" } })).toMatchObject({ ok: true });
    expect((await countMatching(conn.db, admin, params)).count).toBe(5);

    const result = await conn.act(assignmentActions.assignInBulk, admin, {
      selection: { kind: "filter", params, cutoff },
      target: { mode: "user", userId: s.sellers[1]!.id },
    });
    expect(result).toMatchObject({ ok: true, summary: { total: 3, assigned: [{ userId: s.sellers[1]!.id, count: 3 }], changedSinceCount: 2 } });
    const owners = await ownersOf([closed.id, owned.id, ...s.conversations.map((c) => c.id)]);
    expect([owners.get(closed.id), owners.get(owned.id)]).toEqual([null, null]);
    expect(s.conversations.every((c) => owners.get(c.id) === s.sellers[1]!.id)).toBe(true);
  });

  it("a forged or impossible snapshot is refused and changes nothing", async () => {
    const s = await setup(2);
    for (const cutoff of ["2024-99-99 99:99:99+00", "2024-03-11 04:30:00+00", "5:3:", "3:9:10", "3:9:7,5", "1:2:-1", `1:${"9".repeat(30)}:`]) {
      const before = await snapshotAccount(conn.db, s.account.id);
      expect(
        await conn.act(assignmentActions.assignInBulk, await actorOf(s.admin.id), { selection: { kind: "filter", params: {}, cutoff }, target: { mode: "none" } }),
        cutoff,
      ).toEqual({ ok: false, error: "invalid_input" });
      expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
    }
  });

  it("when every counted conversation changed since, nothing is done and the summary says why", async () => {
    const s = await setup(2);
    const admin = await actorOf(s.admin.id);
    const { cutoff } = await countMatching(conn.db, admin, {});
    await conn.db.execute(sql`update conversations set unread = not unread where account_id = ${s.account.id}`);
    const result = await conn.act(assignmentActions.assignInBulk, admin, { selection: { kind: "filter", params: {}, cutoff }, target: { mode: "none" } });
    expect(result).toMatchObject({ ok: true, summary: { total: 0, assigned: [], changedSinceCount: 2 } });
  });

  it("for a seller, 'Todas' means only their own conversations", async () => {
    const s = await setup(3);
    const mine = await createConversation(conn.db, s.account.id, { ownerId: s.sellers[0]!.id, messages: [] });
    const seller = await actorOf(s.sellers[0]!.id);
    const { count, cutoff } = await countMatching(conn.db, seller, { owner: "all" });
    expect(count).toBe(1);
    const result = await conn.act(assignmentActions.assignInBulk, seller, {
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
  async function refused(s: Awaited<ReturnType<typeof setup>>, actorId: string, input: BulkAssignInput, error: string) {
    const before = await snapshotAccount(conn.db, s.account.id);
    expect(await conn.act(assignmentActions.assignInBulk, await actorOf(actorId), input)).toEqual({ ok: false, error });
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
    const result = await conn.act(assignmentActions.assignInBulk, admin, {
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
    const result = await conn.act(assignmentActions.assignInBulk, admin, {
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
