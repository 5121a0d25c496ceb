import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/inbox";
import { inboxActionDenial } from "@/lib/access/inbox-actions";
import { fail } from "@/lib/errors";
import { uuidArray } from "@/lib/sql";
import { ASSIGNABLE_ROLES } from "./assignees";
import { allowedTransfer, type TransferOptions } from "./input";

/** Where each selected conversation goes. User ids must already be checked as assignees of the account. */
export type AssignTarget =
  | { mode: "user"; userId: string }
  | { mode: "none" }
  | { mode: "contact_owner" }
  /** Dealt in this order, first to the oldest-waiting conversation. */
  | { mode: "round_robin"; userIds: string[] };

export type SkipReason = "contact_has_no_owner" | "contact_owner_inactive";

export interface AssignOptions {
  /** Which conversations, as a condition on `conversations`; always narrowed to what the actor may see. */
  selection: SQL;
  target: AssignTarget;
  markUnread: boolean;
  transfer: TransferOptions;
  /** For a single conversation: the version the person saw, so a change made meanwhile is not overwritten. */
  expectedVersion?: number;
  /** Refuse rather than skip when a conversation can't be assigned (the single dialog). */
  strict?: boolean;
  limit?: number;
}

export interface AssignSummary {
  total: number;
  assigned: { userId: string | null; count: number }[];
  skipped: { reason: SkipReason; count: number }[];
  transferred: { contact: number; opportunities: number; activities: number; tasks: number };
}

const ASSIGNABLE = sql.raw(ASSIGNABLE_ROLES.map((r) => `'${r}'`).join(", "));

/**
 * Assigns a set of conversations — one or a hundred thousand — in a bounded number of
 * set-based statements: lock and plan, update owners, carry CRM records, write history.
 * Call it inside a transaction; a refusal throws a DomainFailure and the caller's
 * transaction rolls everything back.
 */
export async function assignConversations(tx: Database, actor: Actor, options: AssignOptions): Promise<AssignSummary> {
  const denial = inboxActionDenial(actor);
  if (denial) fail(denial);
  const { target, markUnread } = options;
  const transfer = allowedTransfer(target.mode, options.transfer);
  const accountId = actor.accountId;

  await tx.execute(sql`drop table if exists assign_plan`);
  await tx.execute(sql`
    create temp table assign_plan on commit drop as
    select ranked.*, ${newOwnerExpression(target)} as new_owner,
      case
        when ${target.mode} <> 'contact_owner' then null
        when ranked.contact_owner is null then 'contact_has_no_owner'
        when not ranked.contact_owner_assignable then 'contact_owner_inactive'
      end as skip_reason,
      0 as moved_contact, 0 as moved_opportunities, 0 as moved_activities, 0 as moved_tasks
    from (
      select locked.*, ct.owner_id as contact_owner,
        coalesce(cu.active and cu.role in (${ASSIGNABLE}), false) as contact_owner_assignable,
        -- Oldest-waiting first: the customer who wrote longest ago is dealt first.
        row_number() over (order by locked.last_inbound_at asc nulls last, locked.last_message_at asc, locked.id) as rn
      from (
        select ${conversations.id} as conversation_id, ${conversations.id} as id,
          ${conversations.contactId} as contact_id, ${conversations.ownerId} as old_owner,
          ${conversations.version} as version, ${conversations.lastInboundAt} as last_inbound_at,
          ${conversations.lastMessageAt} as last_message_at
        from ${conversations}
        where ${visibleConversations(actor)} and ${options.selection}
        for update
      ) locked
      left join contacts ct on ct.account_id = ${accountId} and ct.id = locked.contact_id
      left join users cu on cu.account_id = ${accountId} and cu.id = ct.owner_id
    ) ranked`);

  const [check] = await queryRows<{ total: number; skipped: number; stale: boolean }>(
    tx,
    sql`select count(*)::int as total, count(skip_reason)::int as skipped,
          coalesce(bool_or(version <> ${options.expectedVersion ?? 0}), false) as stale
        from assign_plan`,
  );
  if (!check || check.total === 0) fail("not_found");
  if (options.limit !== undefined && check.total > options.limit) fail("too_many");
  if (options.expectedVersion !== undefined && check.stale) fail("conflict");
  if (options.strict && check.skipped > 0) fail("contact_has_no_owner");

  await tx.execute(sql`
    update conversations c
    set owner_id = p.new_owner, unread = c.unread or ${markUnread}, version = c.version + 1
    from assign_plan p
    where c.account_id = ${accountId} and c.id = p.conversation_id and p.skip_reason is null`);

  if (transfer.contact) await moveRecords(tx, accountId, "contacts", "id", "moved_contact", null);
  if (transfer.opportunities) {
    await moveRecords(tx, accountId, "opportunities", "contact_id", "moved_opportunities", transfer.onlyOpen ? "open" : null);
  }
  if (transfer.activities) {
    await moveRecords(tx, accountId, "activities", "contact_id", "moved_activities", transfer.onlyOpen ? "pending" : null);
  }
  if (transfer.tasks) await moveRecords(tx, accountId, "tasks", "contact_id", "moved_tasks", transfer.onlyOpen ? "pending" : null);

  await tx.execute(sql`
    insert into history_entries (account_id, conversation_id, actor_id, kind, data)
    select ${accountId}, p.conversation_id, ${actor.userId}, e.kind, e.data
    from assign_plan p
    cross join lateral (values
      (case when p.new_owner is null then 'conversation.unassigned' else 'conversation.assigned' end,
       jsonb_build_object('from', p.old_owner, 'to', p.new_owner, 'mode', ${target.mode}::text), true),
      ('conversation.records_transferred',
       jsonb_build_object('to', p.new_owner, 'contact', p.moved_contact, 'opportunities', p.moved_opportunities,
         'activities', p.moved_activities, 'tasks', p.moved_tasks),
       p.moved_contact + p.moved_opportunities + p.moved_activities + p.moved_tasks > 0),
      ('conversation.marked_unread', jsonb_build_object('for', p.new_owner), ${markUnread})
    ) as e(kind, data, wanted)
    where p.skip_reason is null and e.wanted
    order by p.rn`);

  const rows = await queryRows<{ owner: string | null; skip: SkipReason | null; n: number; c: number; o: number; a: number; t: number }>(
    tx,
    sql`select new_owner as owner, skip_reason as skip, count(*)::int as n,
          sum(moved_contact)::int as c, sum(moved_opportunities)::int as o,
          sum(moved_activities)::int as a, sum(moved_tasks)::int as t
        from assign_plan group by 1, 2`,
  );
  const summary: AssignSummary = {
    total: check.total,
    assigned: [],
    skipped: [],
    transferred: { contact: 0, opportunities: 0, activities: 0, tasks: 0 },
  };
  for (const row of rows) {
    if (row.skip) {
      const existing = summary.skipped.find((s) => s.reason === row.skip);
      if (existing) existing.count += row.n;
      else summary.skipped.push({ reason: row.skip, count: row.n });
      continue;
    }
    summary.assigned.push({ userId: row.owner, count: row.n });
    summary.transferred.contact += row.c;
    summary.transferred.opportunities += row.o;
    summary.transferred.activities += row.a;
    summary.transferred.tasks += row.t;
  }
  return summary;
}

function newOwnerExpression(target: AssignTarget): SQL {
  switch (target.mode) {
    case "user":
      return sql`${target.userId}::uuid`;
    case "none":
      return sql`null::uuid`;
    case "contact_owner":
      return sql`case when ranked.contact_owner_assignable then ranked.contact_owner end`;
    case "round_robin": {
      const pool = uuidArray(target.userIds);
      return sql`(${pool})[((ranked.rn - 1) % ${target.userIds.length}) + 1]`;
    }
  }
}

type MovedColumn = "moved_contact" | "moved_opportunities" | "moved_activities" | "moved_tasks";

/** Gives a contact's records to its conversation's new owner, and counts per conversation what moved. */
async function moveRecords(
  tx: Database,
  accountId: string,
  table: "contacts" | "opportunities" | "activities" | "tasks",
  contactKey: "id" | "contact_id",
  counter: MovedColumn,
  onlyStatus: "open" | "pending" | null,
) {
  const status = onlyStatus ? sql`and r.status = ${onlyStatus}` : sql``;
  await tx.execute(sql`
    with moved as (
      update ${sql.identifier(table)} r set owner_id = p.new_owner
      from assign_plan p
      where r.account_id = ${accountId} and r.${sql.identifier(contactKey)} = p.contact_id
        and p.skip_reason is null and p.new_owner is not null
        and r.owner_id is distinct from p.new_owner ${status}
      returning p.conversation_id
    ), counted as (select conversation_id, count(*)::int as n from moved group by 1)
    update assign_plan p set ${sql.identifier(counter)} = counted.n
    from counted where p.conversation_id = counted.conversation_id`);
}
