import { sql } from "drizzle-orm";
import { bigserial, boolean, check, customType, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { contacts } from "./crm";
import { primaryId, accountRef, createdAt, sameAccountKey } from "./columns";

export const CONVERSATION_STATUSES = ["open", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_DIRECTIONS = ["inbound", "outbound"] as const;
export const MESSAGE_TYPES = [
  "text",
  "image",
  "audio",
  "video",
  "document",
  "sticker",
  "location",
  "contacts",
  "unsupported",
] as const;
export const MESSAGE_STATUSES = ["received", "queued", "sent", "delivered", "read", "failed"] as const;

/** A transaction id (64-bit, never wraps): which transaction last changed a row. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

export const conversations = pgTable(
  "conversations",
  {
    id: primaryId(),
    accountId: accountRef(),
    contactId: uuid("contact_id").notNull(),
    ownerId: uuid("owner_id"),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("open"),
    unread: boolean("unread").notNull().default(true),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    // Meta's 24-hour customer-service window runs from the customer's last message.
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    closeReason: text("close_reason"),
    closedById: uuid("closed_by_id"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    // Bumped on every change, so a stale form can be told "changed meanwhile".
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    // The transaction that last wrote the row, kept by a trigger (migration 0014). "Todas" counts
    // under a snapshot and later takes only rows whose last writer that snapshot already saw, so a
    // conversation that changed after the count (reopened, reassigned into the filter) is left out.
    changedXid: xid8("changed_xid").notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    unique("conversations_account_id_id_key").on(t.accountId, t.id),
    // One WhatsApp thread per customer: a new message reopens it rather than starting another.
    unique("conversations_account_contact_key").on(t.accountId, t.contactId),
    sameAccountKey("conversations_contact_fk", [t.accountId, t.contactId], contacts, "cascade"),
    sameAccountKey("conversations_owner_fk", [t.accountId, t.ownerId], users),
    sameAccountKey("conversations_closed_by_fk", [t.accountId, t.closedById], users),
    // The inbox list: newest activity first, by status, by owner, unread only. DESC NULLS FIRST is
    // what a plain ORDER BY … DESC means, so the list's ordering can walk these indexes.
    index("conversations_inbox_idx").on(
      t.accountId,
      t.status,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversations_inbox_all_idx").on(t.accountId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_owner_idx").on(
      t.accountId,
      t.ownerId,
      t.status,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversations_unread_idx")
      .on(t.accountId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.unread}`),
    check("conversations_status_check", sql`${t.status} in ('open', 'closed')`),
    check(
      "conversations_closed_check",
      sql`(${t.status} = 'closed') = (${t.closedAt} is not null and ${t.closedById} is not null and ${t.closeReason} is not null)`,
    ),
    check(
      "conversations_close_reason_check",
      sql`${t.closeReason} is null or length(${t.closeReason}) between 3 and 1000`,
    ),
    check("conversations_version_check", sql`${t.version} >= 1`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: primaryId(),
    accountId: uuid("account_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    direction: text("direction", { enum: MESSAGE_DIRECTIONS }).notNull(),
    type: text("type", { enum: MESSAGE_TYPES }).notNull().default("text"),
    body: text("body").notNull(),
    // WhatsApp's own id (wamid.…): the key that makes a redelivered webhook a no-op.
    waMessageId: text("wa_message_id"),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    sentById: uuid("sent_by_id"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("messages_account_wa_message_id_key").on(t.accountId, t.waMessageId),
    index("messages_conversation_idx").on(t.conversationId, t.createdAt, t.id),
    sameAccountKey("messages_conversation_fk", [t.accountId, t.conversationId], conversations, "cascade"),
    sameAccountKey("messages_sent_by_fk", [t.accountId, t.sentById], users),
    check("messages_direction_check", sql`${t.direction} in ('inbound', 'outbound')`),
    check(
      "messages_type_check",
      sql`${t.type} in ('text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'unsupported')`,
    ),
    check(
      "messages_status_check",
      sql`${t.status} in ('received', 'queued', 'sent', 'delivered', 'read', 'failed')`,
    ),
    check(
      "messages_direction_status_check",
      sql`(${t.direction} = 'inbound') = (${t.status} = 'received')`,
    ),
    check("messages_body_check", sql`length(${t.body}) <= 4096`),
  ],
);

/**
 * Every close ever made, for the audit: one row per close, written by a trigger when a
 * conversation goes from open to closed (migration 0014), and marked when it reopens. The
 * conversation row only holds its latest state, which a customer writing again wipes.
 */
export const conversationCloses = pgTable(
  "conversation_closes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedById: uuid("closed_by_id").notNull(),
    reason: text("reason").notNull(),
    ownerBefore: uuid("owner_before"),
    // The hand-over person, or the closer: who answers if the customer writes again.
    ownerAfter: uuid("owner_after"),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
  },
  (t) => [
    sameAccountKey("conversation_closes_conversation_fk", [t.accountId, t.conversationId], conversations, "cascade"),
    sameAccountKey("conversation_closes_closed_by_fk", [t.accountId, t.closedById], users),
    sameAccountKey("conversation_closes_owner_before_fk", [t.accountId, t.ownerBefore], users),
    sameAccountKey("conversation_closes_owner_after_fk", [t.accountId, t.ownerAfter], users),
    // The audit: newest close first, keyset by (closed_at, id).
    index("conversation_closes_audit_idx").on(t.accountId, t.closedAt.desc(), t.id.desc()),
    // The close a reopen marks: the conversation's one close not yet reopened.
    index("conversation_closes_open_idx").on(t.conversationId).where(sql`${t.reopenedAt} is null`),
  ],
);

/**
 * A customer's message stored while someone else held its conversation's row (a bulk assignment
 * of 100,000 holds its rows for seconds): the message is saved at once, and the conversation's
 * unread mark, time and preview — and a reopen — are applied from here as soon as the row is
 * free (after the webhook answers, or by the worker). Deleting a row publishes the change.
 */
export const inboundPending = pgTable(
  "inbound_pending",
  {
    accountId: uuid("account_id").notNull(),
    messageId: uuid("message_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    preview: text("preview").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.messageId] }),
    index("inbound_pending_conversation_idx").on(t.accountId, t.conversationId),
    sameAccountKey("inbound_pending_conversation_fk", [t.accountId, t.conversationId], conversations, "cascade"),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type ConversationClose = typeof conversationCloses.$inferSelect;
export type Message = typeof messages.$inferSelect;
