import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { fail } from "@/lib/errors";
import { enqueueJobs } from "@/lib/events/outbox";
import { historyInsert } from "@/lib/history/record";
import { uuidArray, withLocalSettings } from "@/lib/sql";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";
import { allowedTransfer, type TransferOptions } from "./input";

/** Where each selected conversation goes. User ids must already be checked as assignees of the account. */
export type AssignTarget =
  | { mode: "user"; userId: string }
  | { mode: "none" }
  | { mode: "contact_owner" }
  /** Dealt in this order, first to the oldest-waiting conversation. */
  | { mode: "round_robin"; userIds: string[] };

/** Why a selected conversation was left as it is: its contact has no assignable owner, or it already was the target's. */
export type SkipReason = "contact_has_no_owner" | "contact_owner_inactive" | "unchanged";

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
  /** How many conversations the caller counted, when it did: large sets are planned differently. */
  expectedCount?: number;
  /** An empty selection is an answer (nothing matched any more), not "not found". */
  allowEmpty?: boolean;
}

/** From about this many conversations, one pass over the account's rows beats a lookup per conversation. */
const LARGE_SELECTION = 10_000;

export interface AssignSummary {
  total: number;
  assigned: { userId: string | null; count: number }[];
  skipped: { reason: SkipReason; count: number }[];
  transferred: { contact: number; opportunities: number; activities: number; tasks: number };
  /** "Todas" only: conversations that matched the filter but changed after the count, left as they are. */
  changedSinceCount?: number;
}

const ASSIGNABLE = sql.raw(ASSIGNABLE_ROLES.map((r) => `'${r}'`).join(", "));

type RecordKind = "contact" | "opportunities" | "activities" | "tasks";
interface RecordMove {
  kind: RecordKind;
  table: string;
  /** The column that ties the record to the conversation's contact. */
  key: string;
  /** Only records in this state move ("Solo abiertas y pendientes"); null: all of them. */
  status: string | null;
}

/** The CRM records carried to the new owner, per the person's choice and the mode's rules. */
function recordMoves(mode: AssignTarget["mode"], chosen: TransferOptions): RecordMove[] {
  const transfer = allowedTransfer(mode, chosen);
  const moves: (RecordMove & { wanted: boolean })[] = [
    { kind: "contact", wanted: transfer.contact, table: "contacts", key: "id", status: null },
    { kind: "opportunities", wanted: transfer.opportunities, table: "opportunities", key: "contact_id", status: transfer.onlyOpen ? "open" : null },
    { kind: "activities", wanted: transfer.activities, table: "activities", key: "contact_id", status: transfer.onlyOpen ? "pending" : null },
    { kind: "tasks", wanted: transfer.tasks, table: "tasks", key: "contact_id", status: transfer.onlyOpen ? "pending" : null },
  ];
  return moves.filter((m) => m.wanted);
}

/** The records of `move`'s kind that belong to contact `contactId` and are not yet `owner`'s. */
function recordsToMove(accountId: string, move: RecordMove, contactId: SQL, owner: SQL): SQL {
  return sql`r.account_id = ${accountId} and r.${sql.identifier(move.key)} = ${contactId}
    and r.owner_id is distinct from ${owner} ${move.status ? sql`and r.status = ${move.status}` : sql``}`;
}

/**
 * 1. The selection, locked in id order — the one order every writer of conversations uses, so
 *    two of them never wait on each other in a circle — and decided on as locked: PostgreSQL
 *    re-checks a row that changed while we waited against the selection and the actor's
 *    visibility, and what it was ("from") is read from the locked row.
 */
function lockedSelection(actor: Actor, selection: SQL): SQL {
  return sql`locked as materialized (
      select ${conversations.id} as conversation_id, ${conversations.contactId} as contact_id,
        ${conversations.ownerId} as old_owner, ${conversations.unread} as unread,
        ${conversations.lastInboundAt} as last_inbound_at, ${conversations.lastMessageAt} as last_message_at
      from ${conversations}
      where ${visibleConversations(actor)} and ${selection}
      order by ${conversations.id}
      for no key update of ${conversations}
    )`;
}

/**
 * 2. Who gets each conversation, and why one is left as it is: a contact without an assignable
 *    owner, or already the target's with nothing else to change (nothing to record).
 */
function dealPlan(accountId: string, target: AssignTarget, markUnread: boolean, moves: RecordMove[]): SQL {
  const byContactOwner = target.mode === "contact_owner";
  return sql`ranked as (
      select locked.*,
        ${
          byContactOwner
            ? sql`ct.owner_id as contact_owner, coalesce(cu.active and cu.role in (${ASSIGNABLE}), false) as contact_owner_assignable,`
            : sql`null::uuid as contact_owner, false as contact_owner_assignable,`
        }
        ${
          target.mode === "round_robin"
            ? // Oldest-waiting first: the customer who wrote longest ago is dealt first.
              sql`row_number() over (order by locked.last_inbound_at asc nulls last, locked.last_message_at asc, locked.conversation_id)`
            : sql`0::bigint`
        } as rn
      from locked
      ${
        byContactOwner
          ? sql`left join contacts ct on ct.account_id = ${accountId} and ct.id = locked.contact_id
                left join users cu on cu.account_id = ${accountId} and cu.id = ct.owner_id`
          : sql``
      }
    ), dealt as (
      select ranked.*, ${newOwner(target)} as new_owner from ranked
    ), plan as materialized (
      select dealt.*,
        case
          when ${byContactOwner} and dealt.contact_owner is null then 'contact_has_no_owner'
          when ${byContactOwner} and not dealt.contact_owner_assignable then 'contact_owner_inactive'
          when dealt.new_owner is not distinct from dealt.old_owner
            ${markUnread ? sql`and dealt.unread` : sql``}
            ${sql.join(
              moves.map(
                (move) => sql`and not exists (select 1 from ${sql.identifier(move.table)} r
                  where ${recordsToMove(accountId, move, sql`dealt.contact_id`, sql`dealt.new_owner`)})`,
              ),
              sql` `,
            )}
            then 'unchanged'
        end as skip_reason
      from dealt
    )`;
}

function newOwner(target: AssignTarget): SQL {
  switch (target.mode) {
    case "user":
      return sql`${target.userId}::uuid`;
    case "none":
      return sql`null::uuid`;
    case "contact_owner":
      return sql`case when ranked.contact_owner_assignable then ranked.contact_owner end`;
    case "round_robin":
      return sql`(${uuidArray(target.userIds)})[((ranked.rn - 1) % ${target.userIds.length}) + 1]`;
  }
}

/** 3. The owners (and the unread mark), for the planned rows; what was updated is what happened. */
function ownerUpdate(accountId: string, markUnread: boolean): SQL {
  return sql`updated as (
      update conversations c
      set owner_id = p.new_owner, unread = c.unread or ${markUnread}, version = c.version + 1
      from plan p
      where c.account_id = ${accountId} and c.id = p.conversation_id and p.skip_reason is null
      returning c.id as conversation_id, p.contact_id, p.old_owner, c.owner_id as new_owner
    )`;
}

/**
 * 4. The records that follow the conversations actually updated. One conversation per contact,
 *    and its row is locked, so no two statements move the same contact's records at once.
 */
function movedRecords(accountId: string, moves: RecordMove[]): SQL {
  return sql.join(
    moves.map(
      (move) => sql`, ${sql.identifier(`moved_${move.kind}`)} as (
      update ${sql.identifier(move.table)} r set owner_id = u.new_owner
      from updated u
      where u.new_owner is not null and ${recordsToMove(accountId, move, sql`u.contact_id`, sql`u.new_owner`)}
      returning u.conversation_id, ${move.kind}::text as kind)`,
    ),
    sql``,
  );
}

/**
 * 5. One row per conversation changed, with its counts of records moved. Counts come from grouping
 *    one stream of "assigned" and "moved" rows rather than a join: the planner can't estimate CTE
 *    sizes, and a nested loop there goes quadratic.
 */
function perConversation(moves: RecordMove[]): SQL {
  return sql`per_conversation as materialized (
      select conversation_id,
        (array_agg(old_owner) filter (where kind is null))[1] as old_owner,
        (array_agg(new_owner) filter (where kind is null))[1] as new_owner,
        count(*) filter (where kind = 'contact')::int as contact,
        count(*) filter (where kind = 'opportunities')::int as opportunities,
        count(*) filter (where kind = 'activities')::int as activities,
        count(*) filter (where kind = 'tasks')::int as tasks
      from (
        select conversation_id, old_owner, new_owner, null::text as kind from updated
        ${sql.join(
          moves.map((move) => sql` union all select conversation_id, null::uuid, null::uuid, kind from ${sql.identifier(`moved_${move.kind}`)}`),
          sql``,
        )}
      ) events
      group by conversation_id
    )`;
}

/** 6. History: one entry per conversation changed, from, to, how, and what records moved. */
function history(actor: Actor, target: AssignTarget, markUnread: boolean): SQL {
  return sql`logged as (${historyInsert(
    actor.accountId,
    actor,
    sql`select conversation_id,
        case when new_owner is null then 'conversation.unassigned' else 'conversation.assigned' end as kind,
        -- Spelled out as text: every value is a uuid, a count or a fixed word, none needs escaping,
        -- and it costs a third of building JSON value by value (100,000 times in a bulk action).
        ('{"from":' || coalesce('"' || old_owner::text || '"', 'null')
          || ',"to":' || coalesce('"' || new_owner::text || '"', 'null')
          || ',"mode":"' || ${target.mode}::text || '"'
          || ${markUnread ? sql`',"markedUnread":true'` : sql`''`}
          || case when contact + opportunities + activities + tasks > 0
               then ',"transferred":{"contact":' || contact || ',"opportunities":' || opportunities
                 || ',"activities":' || activities || ',"tasks":' || tasks || '}'
               else '' end
          || '}') as data
      from per_conversation`,
  )})`;
}

/** 7. The "assigned" automations — not for an automation's own assignment, which would loop. */
function automationsQueued(actor: Actor): SQL {
  if (actor.system) return sql``;
  return sql`, queued as (${enqueueJobs(
    actor.accountId,
    "conversation.assigned",
    sql`select conversation_id, jsonb_build_object('from', old_owner, 'to', new_owner) as payload
        from per_conversation where new_owner is not null`,
  )})`;
}

/**
 * Assigns a set of conversations — one or a hundred thousand — in one set-based statement read
 * top to bottom: lock, plan, owners, records, per conversation, history, automations, summary.
 * Call it inside a transaction with a target already checked (see assign.ts); a refusal throws a
 * DomainFailure and the caller's transaction rolls everything back.
 */
export async function assignConversations(tx: Database, actor: Actor, options: AssignOptions): Promise<AssignSummary> {
  const { target, markUnread } = options;
  const accountId = actor.accountId;

  // The single dialog checks what the person saw, on the locked row, before anything is written.
  if (options.expectedVersion !== undefined || options.strict) {
    const locked = await queryRows<{ version: number; contact_owner_assignable: boolean }>(
      tx,
      sql`select ${conversations.version} as version,
            coalesce(cu.active and cu.role in (${ASSIGNABLE}), false) as contact_owner_assignable
          from ${conversations}
          left join contacts ct on ct.account_id = ${accountId} and ct.id = ${conversations.contactId}
          left join users cu on cu.account_id = ${accountId} and cu.id = ct.owner_id
          where ${visibleConversations(actor)} and ${options.selection}
          order by ${conversations.id}
          for no key update of ${conversations}`,
    );
    if (locked.length === 0) fail("not_found");
    if (options.expectedVersion !== undefined && locked.some((r) => r.version !== options.expectedVersion)) fail("conflict");
    if (options.strict && target.mode === "contact_owner" && locked.some((r) => !r.contact_owner_assignable)) {
      fail("contact_has_no_owner");
    }
  }

  const moves = recordMoves(target.mode, options.transfer);
  type SummaryRow = { owner: string | null; skip: SkipReason | null; n: number; c: number; o: number; a: number; t: number };
  const statement = () =>
    queryRows<SummaryRow>(
      tx,
      sql`with ${lockedSelection(actor, options.selection)},
        ${dealPlan(accountId, target, markUnread, moves)},
        ${ownerUpdate(accountId, markUnread)}
        ${movedRecords(accountId, moves)},
        ${perConversation(moves)},
        ${history(actor, target, markUnread)}
        ${automationsQueued(actor)}
      select new_owner as owner, null as skip, count(*)::int as n, sum(contact)::int as c,
        sum(opportunities)::int as o, sum(activities)::int as a, sum(tasks)::int as t
      from per_conversation group by new_owner
      union all
      select null, skip_reason, count(*)::int, 0, 0, 0, 0 from plan where skip_reason is not null group by skip_reason`,
    );
  // The planner guesses the plan CTE holds a handful of rows, so it would probe the deals,
  // activities and tasks index once per conversation; for a large selection, hash joins over the
  // account's rows are several times faster. With nested loops off the estimated cost is huge,
  // which would make the server JIT-compile the statement (a second spent compiling what runs
  // once), so JIT goes off too; and the sorts get the memory to stay off disk.
  const rows =
    (options.expectedCount ?? 0) >= LARGE_SELECTION
      ? await withLocalSettings(tx, { enable_nestloop: "off", jit: "off", work_mem: "64MB" }, statement)
      : await statement();

  const summary: AssignSummary = {
    total: rows.reduce((sum, r) => sum + r.n, 0),
    assigned: [],
    skipped: [],
    transferred: { contact: 0, opportunities: 0, activities: 0, tasks: 0 },
  };
  if (summary.total === 0 && !options.allowEmpty) fail("not_found");
  if (options.limit !== undefined && summary.total > options.limit) fail("too_many");
  for (const row of rows) {
    if (row.skip) {
      summary.skipped.push({ reason: row.skip, count: row.n });
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
