import { sql } from "drizzle-orm";
import { bigserial, check, index, json, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

export const HISTORY_KINDS = [
  "conversation.assigned",
  "conversation.unassigned",
  "conversation.marked_unread",
  "conversation.closed",
  "conversation.reopened",
  "account.plan_changed",
  "account.addon_changed",
  "user.created",
  "user.role_changed",
  "user.deactivated",
  "user.reactivated",
  "user.password_changed",
  "group.changed",
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

// Append-only: a trigger in the migrations refuses UPDATE and DELETE on this table.
export const historyEntries = pgTable(
  "history_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    // Null for account-level entries (plan, users, groups).
    conversationId: uuid("conversation_id"),
    // Null when the system acted (an inbound message reopening a conversation, an automation).
    actorId: uuid("actor_id"),
    kind: text("kind").notNull(),
    // json, not jsonb: kept exactly as written and never queried inside, so nothing gains from
    // jsonb's binary form, and a bulk assignment writing 100,000 entries skips converting each.
    data: json("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    // The same-tenant references (account, actor, conversation) are checked once per statement by
    // triggers in migration 0007, not by row-level foreign keys: a bulk assignment writes 100,000
    // entries in one statement, and three row-by-row key checks each were half of its cost.
    // A conversation's timeline. Conversation ids are unique across accounts, so the account (always
    // in the query too) is left out of the key: a narrower index is cheaper to write in bulk.
    index("history_conversation_idx").on(t.conversationId, t.createdAt, t.id),
    // Account-level entries (plan, users, groups); conversation entries are found through the index above.
    index("history_account_idx").on(t.accountId, t.createdAt).where(sql`${t.conversationId} is null`),
    check("history_kind_check", sql`length(${t.kind}) between 1 and 100`),
  ],
);

export type HistoryEntry = typeof historyEntries.$inferSelect;
