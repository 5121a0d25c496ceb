import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { contacts, conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { uuidArray } from "@/lib/sql";
import { resolveFilters } from "./filters";
import { contactMatches, inboxConditions } from "./list-conversations";

/**
 * "Todas": the conversations matching the list's filters, within what the actor may see,
 * that already existed at `cutoff` — conversations arriving after the count was shown are
 * not swept in. Returned as a condition on `conversations`, resolved by the database.
 */
export function matchingConversations(actor: Actor, params: Record<string, string>, cutoff: string): SQL {
  const filters = resolveFilters(params, actor.role);
  // Only the search looks at the contact; the rest is a condition on the conversation row itself,
  // so a bulk action over 100,000 rows reads them once rather than joining the table to itself.
  const conditions = [
    inboxConditions(actor, { ...filters, search: undefined }),
    sql`${conversations.createdAt} <= ${cutoff}::timestamptz`,
  ];
  if (filters.search) {
    conditions.push(sql`exists (select 1 from ${contacts}
      where ${contacts.accountId} = ${conversations.accountId} and ${contacts.id} = ${conversations.contactId}
        and ${contactMatches(filters.search)})`);
  }
  return and(...conditions)!;
}

export function conversationsByIds(ids: readonly string[]): SQL {
  return sql`${conversations.id} = any(${uuidArray(ids)})`;
}

/** How many conversations "Todas" means right now, and the moment it was counted. */
export async function countMatching(db: Database, actor: Actor, params: Record<string, string>) {
  const [row] = await queryRows<{ now: string }>(db, sql`select now()::text as now`);
  const cutoff = row!.now;
  const [counted] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${conversations} where ${matchingConversations(actor, params, cutoff)}`,
  );
  return { count: counted?.count ?? 0, cutoff };
}
