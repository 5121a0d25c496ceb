import { sql } from "drizzle-orm";
import { bigserial, check, foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { conversations } from "./conversations";

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
  "group.changed",
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

// Append-only: a trigger in the migrations refuses UPDATE and DELETE on this table.
export const historyEntries = pgTable(
  "history_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    // Null for account-level entries (plan, users, groups).
    conversationId: uuid("conversation_id"),
    // Null when the system acted (an inbound message reopening a conversation, an automation).
    actorId: uuid("actor_id"),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Same-tenant references; no cascade: history outlives nothing it records, and is never deleted.
    foreignKey({
      name: "history_entries_actor_fk",
      columns: [t.accountId, t.actorId],
      foreignColumns: [users.accountId, users.id],
    }),
    foreignKey({
      name: "history_entries_conversation_fk",
      columns: [t.accountId, t.conversationId],
      foreignColumns: [conversations.accountId, conversations.id],
    }),
    index("history_conversation_idx").on(t.accountId, t.conversationId, t.createdAt, t.id),
    index("history_account_idx").on(t.accountId, t.createdAt),
    check("history_kind_check", sql`length(${t.kind}) between 1 and 100`),
  ],
);

export type HistoryEntry = typeof historyEntries.$inferSelect;
