import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { HistoryKind } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";

/**
 * Who a history entry says acted: the person, or nobody (null, shown as "Sistema") when an
 * automation acted for the account or the customer's own message did it. The one rule for every
 * entry.
 */
export type Author = Actor | "customer";

export function authorId(author: Author): string | null {
  return author === "customer" || author.system ? null : author.userId;
}

/**
 * The one writer of history: entries for the rows of `source` (columns conversation_id uuid or
 * null, kind text, data json), inserted in the statement that embeds this — a bulk assignment's
 * 100,000 entries are one INSERT … SELECT. History is append-only (migration 0001).
 */
export function historyInsert(accountId: string, author: Author, source: SQL): SQL {
  return sql`insert into history_entries (account_id, conversation_id, actor_id, kind, data)
    select ${accountId}::uuid, h.conversation_id, ${authorId(author)}::uuid, h.kind, h.data::json
    from (${source}) h`;
}

export interface HistoryEntryInput {
  /** Null for a change to the account itself (plan, people, groups). */
  conversationId: string | null;
  kind: HistoryKind;
  data: Record<string, unknown>;
}

/** A few entries written on their own (one statement), in the caller's transaction. */
export async function recordHistory(tx: Database, accountId: string, author: Author, entries: HistoryEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => sql`(${e.conversationId}::uuid, ${e.kind}::text, ${JSON.stringify(e.data)}::json)`);
  await tx.execute(historyInsert(accountId, author, sql`select * from (values ${sql.join(rows, sql`, `)}) as v(conversation_id, kind, data)`));
}
