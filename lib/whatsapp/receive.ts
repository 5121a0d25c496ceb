import { sql, type SQL } from "drizzle-orm";
import { preparedRows, queryRows, type Database } from "@/db/client";
import { enqueueJobs } from "@/lib/events/outbox";
import { retryConflicts, RetriesExhausted, TRANSACTION_ATTEMPTS } from "@/lib/errors";
import { historyInsert } from "@/lib/history/record";
import { uuidArray } from "@/lib/sql";
import { messagePreview } from "@/lib/inbox/preview";
import { truncateText } from "@/lib/text";
import { inboundContent } from "./inbound-content";
import type { WebhookMessage, WebhookStatus } from "./payload";

export type InboundResult =
  /** deferred: the conversation's row was held; its summary waits for applyPendingInbound. */
  | { status: "stored"; conversationId: string; created: boolean; reopened: boolean; deferred: boolean }
  | { status: "duplicate" };

/**
 * One customer message, in one statement (its own transaction, one round trip). A new phone
 * becomes a contact without owner and an open, unassigned, unread conversation; a closed
 * conversation reopens, unread, with the owner it was handed over to. The same WhatsApp message
 * id is stored once, also when two deliveries race.
 *
 * The message never waits for its conversation's row: when someone else holds it (a bulk
 * assignment holds 100,000 rows for seconds), the message is stored at once and the
 * conversation's summary waits in inbound_pending for applyPendingInbound.
 */
export async function receiveInboundMessage(
  db: Database,
  accountId: string,
  message: WebhookMessage,
  profileName: string | undefined,
): Promise<InboundResult> {
  const statement = () =>
    preparedRows<{ conversation_id: string | null; created: boolean | null; message_id: string | null; was: string | null; deferred: boolean }>(
      db,
      inboundStatement(accountId, message, profileName),
    );
  // A contact or conversation a racing delivery committed while this statement ran is not in its
  // snapshot (its insert found the row taken, its read can't see it): the next statement sees it.
  for (let attempt = 1; ; attempt++) {
    const [row] = await retryConflicts(statement);
    if (row?.conversation_id) {
      if (!row.message_id) return { status: "duplicate" };
      return {
        status: "stored",
        conversationId: row.conversation_id,
        created: row.created === true,
        reopened: row.was === "closed",
        deferred: row.deferred,
      };
    }
    if (attempt >= TRANSACTION_ATTEMPTS) throw new RetriesExhausted(attempt, { cause: new Error("conversation not visible") });
  }
}

/** receiveInboundMessage's statement, on its own (the bench explains it). */
export function inboundStatement(accountId: string, message: WebhookMessage, profileName: string | undefined): SQL {
  const { type, body } = inboundContent(message);
  const preview = messagePreview(body);
  // As text with a cast: postgres.js won't take a Date in a raw query.
  const sentAt = sql`${new Date(Number(message.timestamp) * 1000).toISOString()}::timestamptz`;
  const name = truncateText(profileName?.trim() || `+${message.from}`, 200);
  // A row someone is changing makes ON CONFLICT wait for them (a bulk updates 100,000 and holds
  // them for seconds): contact and conversation are inserted only when the snapshot has none.
  return sql`with new_contact as (
          -- The webhook never locks a contact row: a known phone is only read.
          insert into contacts (account_id, name, phone, wa_id)
          select ${accountId}, ${name}, ${`+${message.from}`}, ${message.from}
          where not exists (select 1 from contacts where account_id = ${accountId} and wa_id = ${message.from})
          on conflict (account_id, wa_id) do nothing
          returning id
        ), contact as (
          select id from new_contact
          union all
          select id from contacts where account_id = ${accountId} and wa_id = ${message.from}
          limit 1
        ), new_conversation as (
          insert into conversations (account_id, contact_id, status, unread, last_message_at, last_message_preview, last_inbound_at)
          select ${accountId}, id, 'open', true, ${sentAt}, ${preview}, ${sentAt} from contact
          where not exists (select 1 from conversations c where c.account_id = ${accountId} and c.contact_id = contact.id)
          on conflict (account_id, contact_id) do nothing
          returning id, owner_id
        ), conversation as (
          select id, owner_id, true as created from new_conversation
          union all
          select c.id, c.owner_id, false from conversations c join contact on c.contact_id = contact.id
          where c.account_id = ${accountId}
          limit 1
        ), stored as (
          insert into messages (account_id, conversation_id, direction, type, body, wa_message_id, status, created_at)
          select ${accountId}, id, 'inbound', ${type}, ${body}, ${message.id}, 'received', ${sentAt} from conversation
          on conflict (account_id, wa_message_id) do nothing
          returning id, conversation_id
        ), locked as (
          -- NO KEY UPDATE: the messages' key checks take KEY SHARE on this row. SKIP LOCKED: never wait for it.
          select c.id, c.status, c.owner_id from conversations c join stored s on c.id = s.conversation_id
          where c.account_id = ${accountId} and not (select created from conversation)
          for no key update of c skip locked
        ), updated as (
          update conversations c set ${summaryUpdate(sentAt, sql`${preview}`)}
          from locked l join stored s on s.conversation_id = l.id
          where c.account_id = ${accountId} and c.id = l.id
          returning c.id, l.status as was, l.owner_id, s.id as message_id
        ), deferred as (
          insert into inbound_pending (account_id, message_id, conversation_id, sent_at, preview)
          select ${accountId}, s.id, s.conversation_id, ${sentAt}, ${preview} from stored s
          where not (select created from conversation) and not exists (select 1 from locked)
          returning 1
        ), reopened as (
          ${reopenHistory(accountId)}
        ), queued as (
          ${openingJobs(
            accountId,
            sql`select c.id, jsonb_build_object('ownerId', c.owner_id, 'reopened', false, 'messageId', s.id)
                from conversation c, stored s where c.created`,
          )}
        )
        select (select id from conversation) as conversation_id, (select created from conversation) as created,
          (select id from stored) as message_id, (select was from updated) as was, exists (select 1 from deferred) as deferred`;
}

/** The conversation as a new customer message leaves it: unread, open, its time and preview if it is the latest. */
function summaryUpdate(sentAt: SQL, preview: SQL): SQL {
  return sql`unread = true,
    last_message_at = greatest(c.last_message_at, ${sentAt}),
    last_message_preview = case when ${sentAt} >= c.last_message_at then ${preview} else c.last_message_preview end,
    last_inbound_at = greatest(coalesce(c.last_inbound_at, ${sentAt}), ${sentAt}),
    status = 'open', closed_at = null, closed_by_id = null, close_reason = null,
    version = c.version + case when c.status = 'closed' then 1 else 0 end`;
}

/** "Reopened by the customer", for the rows of `updated` that were closed. */
function reopenHistory(accountId: string): SQL {
  return historyInsert(
    accountId,
    "customer",
    sql`select id as conversation_id, 'conversation.reopened' as kind,
          json_build_object('by', 'customer', 'owner', owner_id) as data
        from updated where was = 'closed'`,
  );
}

/**
 * The "opened by a WhatsApp message" automations: for the rows of `updated` that were closed
 * (reopened), and for `alsoNew` (conversation_id, payload) — a conversation the message created.
 */
function openingJobs(accountId: string, alsoNew?: SQL): SQL {
  return enqueueJobs(
    accountId,
    "conversation.opened_by_whatsapp",
    sql`select id as conversation_id, jsonb_build_object('ownerId', owner_id, 'reopened', true, 'messageId', message_id) as payload
        from updated where was = 'closed'
        ${alsoNew ? sql`union all ${alsoNew}` : sql``}`,
  );
}

/**
 * Applies the summaries that waited in inbound_pending, for the conversations whose rows are free
 * now (a row still held is left for a later call): unread, time, preview, reopen and its history
 * and automations, as receiveInboundMessage would have. Deleting the pending rows publishes the
 * change to open screens. Returns how many conversations it updated.
 */
export async function applyPendingInbound(db: Database, accountId: string, conversationIds: string[]): Promise<number> {
  if (conversationIds.length === 0) return 0;
  const [row] = await retryConflicts(() =>
    queryRows<{ n: number }>(
      db,
      sql`with locked as (
          select c.id, c.status, c.owner_id from conversations c
          where c.account_id = ${accountId} and c.id = any(${uuidArray(conversationIds)})
          order by c.id
          for no key update of c skip locked
        ), pending as (
          delete from inbound_pending p using locked l
          where p.account_id = ${accountId} and p.conversation_id = l.id
          returning p.conversation_id, p.message_id, p.sent_at, p.preview
        ), latest as (
          select distinct on (conversation_id) conversation_id, message_id, sent_at, preview
          from pending order by conversation_id, sent_at desc, message_id
        ), updated as (
          update conversations c set ${summaryUpdate(sql`p.sent_at`, sql`p.preview`)}
          from latest p join locked l on l.id = p.conversation_id
          where c.account_id = ${accountId} and c.id = p.conversation_id
          returning c.id, l.status as was, l.owner_id, p.message_id
        ), reopened as (
          ${reopenHistory(accountId)}
        ), queued as (
          ${openingJobs(accountId)}
        )
        select count(*)::int as n from updated`,
    ),
  );
  return row?.n ?? 0;
}

/**
 * Every account's waiting summaries whose conversations are free, a batch at a time until none
 * is left (at most `rounds` batches): what the worker runs each tick. Only free rows are picked —
 * a bulk still holding hundreds of conversations must not keep the others waiting behind them.
 */
export async function applyAllPendingInbound(db: Database, batch = 500, rounds = 20): Promise<number> {
  let applied = 0;
  for (let round = 0; round < rounds; round++) {
    const waiting = await queryRows<{ account_id: string; ids: string[] }>(
      db,
      sql`select account_id, array_agg(distinct conversation_id) as ids
          from (
            select p.account_id, p.conversation_id from inbound_pending p
            join conversations c on c.account_id = p.account_id and c.id = p.conversation_id
            order by p.created_at
            limit ${batch}
            for no key update of c skip locked
          ) free
          group by account_id`,
    );
    let done = 0;
    for (const { account_id, ids } of waiting) done += await applyPendingInbound(db, account_id, ids);
    applied += done;
    if (done === 0 || waiting.reduce((n, w) => n + w.ids.length, 0) < batch) break;
  }
  return applied;
}

const STATUS_RANK = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/** Delivery receipts for our replies; they only move forward (a late "delivered" never undoes "read"). */
export async function applyStatus(db: Database, accountId: string, status: WebhookStatus): Promise<boolean> {
  const rank = STATUS_RANK[status.status];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update messages set status = ${status.status}
        where account_id = ${accountId} and wa_message_id = ${status.id} and direction = 'outbound'
          and (case status when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 4 end) < ${rank}
        returning id`,
  );
  return rows.length > 0;
}
