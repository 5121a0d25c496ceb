import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { enqueueEvent } from "@/lib/events/outbox";
import { transactionWithRetry } from "@/lib/errors";
import { recordHistory } from "@/lib/history/record";
import { messagePreview } from "@/lib/inbox/preview";
import { truncateText } from "@/lib/text";
import { inboundContent } from "./inbound-content";
import type { WebhookMessage, WebhookStatus } from "./payload";

export type InboundResult =
  | { status: "stored"; conversationId: string; created: boolean; reopened: boolean }
  | { status: "duplicate" };

/**
 * One customer message, in its own transaction. A new phone becomes a contact without owner and
 * an open, unassigned, unread conversation; a closed conversation reopens, unread, with the owner
 * it was handed over to. The same WhatsApp message id is stored once, also when two deliveries race.
 */
export async function receiveInboundMessage(
  db: Database,
  accountId: string,
  message: WebhookMessage,
  profileName: string | undefined,
): Promise<InboundResult> {
  const { type, body } = inboundContent(message);
  const preview = messagePreview(body);
  // As text with a cast: postgres.js won't take a Date in a raw query.
  const sentAt = sql`${new Date(Number(message.timestamp) * 1000).toISOString()}::timestamptz`;
  const name = truncateText(profileName?.trim() || `+${message.from}`, 200);
  return transactionWithRetry(db, async (tx) => {
    // The webhook never locks a contact row (writers lock conversations first): a known phone is
    // only read, and a new one is inserted, or found after a racing delivery inserted it.
    const [inserted] = await queryRows<{ id: string }>(
      tx,
      sql`insert into contacts (account_id, name, phone, wa_id) values (${accountId}, ${name}, ${`+${message.from}`}, ${message.from})
          on conflict (account_id, wa_id) do nothing
          returning id`,
    );
    const [contact] = inserted
      ? [inserted]
      : await queryRows<{ id: string }>(tx, sql`select id from contacts where account_id = ${accountId} and wa_id = ${message.from}`);
    const created = await queryRows<{ id: string }>(
      tx,
      sql`insert into conversations (account_id, contact_id, status, unread, last_message_at, last_message_preview, last_inbound_at)
          values (${accountId}, ${contact!.id}, 'open', true, ${sentAt}, ${preview}, ${sentAt})
          on conflict (account_id, contact_id) do nothing
          returning id`,
    );
    // The row lock makes a racing delivery of the same message wait here, then find it stored.
    // NO KEY UPDATE, not UPDATE: the messages' foreign-key checks take KEY SHARE on this row.
    const [conversation] = await queryRows<{ id: string; status: "open" | "closed"; owner_id: string | null }>(
      tx,
      sql`select id, status, owner_id from conversations
          where account_id = ${accountId} and contact_id = ${contact!.id} for no key update`,
    );
    const stored = await queryRows<{ id: string }>(
      tx,
      sql`insert into messages (account_id, conversation_id, direction, type, body, wa_message_id, status, created_at)
          values (${accountId}, ${conversation!.id}, 'inbound', ${type}, ${body}, ${message.id}, 'received', ${sentAt})
          on conflict (account_id, wa_message_id) do nothing
          returning id`,
    );
    if (stored.length === 0) return { status: "duplicate" as const };

    const isNew = created.length > 0;
    const reopened = !isNew && conversation!.status === "closed";
    if (!isNew) {
      await tx.execute(sql`
        update conversations set
          unread = true,
          last_message_at = greatest(last_message_at, ${sentAt}),
          last_message_preview = case when ${sentAt} >= last_message_at then ${preview} else last_message_preview end,
          last_inbound_at = greatest(coalesce(last_inbound_at, ${sentAt}), ${sentAt}),
          status = 'open', closed_at = null, closed_by_id = null, close_reason = null,
          version = version + case when status = 'closed' then 1 else 0 end
        where account_id = ${accountId} and id = ${conversation!.id}`);
    }
    if (reopened) {
      await recordHistory(tx, accountId, "customer", [
        { conversationId: conversation!.id, kind: "conversation.reopened", data: { by: "customer", owner: conversation!.owner_id } },
      ]);
    }
    if (isNew || reopened) {
      await enqueueEvent(tx, accountId, "conversation.opened_by_whatsapp", conversation!.id, {
        ownerId: conversation!.owner_id,
        reopened,
        messageId: stored[0]!.id,
      });
    }
    return { status: "stored" as const, conversationId: conversation!.id, created: isNew, reopened };
  });
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
