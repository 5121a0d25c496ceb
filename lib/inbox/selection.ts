import { and, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { contacts, conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { uuidArray } from "@/lib/sql";
import { resolveFilters } from "./filters";
import { contactMatches, inboxConditions } from "./list-conversations";


/** The filter part of "Todas", without the snapshot: what matches right now. */
function matchingNow(actor: Actor, params: Record<string, string>): SQL {
  const filters = resolveFilters(params, actor.role);
  // Only the search looks at the contact; the rest is a condition on the conversation row itself,
  // so a bulk action over 100,000 rows reads them once rather than joining the table to itself.
  const conditions = [inboxConditions(actor, { ...filters, search: undefined })];
  if (filters.search) {
    conditions.push(sql`exists (select 1 from ${contacts}
      where ${contacts.accountId} = ${conversations.accountId} and ${contacts.id} = ${conversations.contactId}
        and ${contactMatches(filters.search)})`);
  }
  return and(...conditions)!;
}

/** Whether the row's last change was already visible to the count made under `snapshot`. */
function unchangedSince(snapshot: string): SQL {
  return sql`pg_visible_in_snapshot(${conversations.changedXid}, ${snapshot}::pg_snapshot)`;
}

/**
 * "Todas": the conversations matching the list's filters, within what the actor may see, exactly
 * as the count saw them — a conversation created or changed after the count (one that arrived,
 * reopened, or was reassigned into the filter) is not swept in. `snapshot` is the count's.
 */
export function matchingConversations(actor: Actor, params: Record<string, string>, snapshot: string): SQL {
  return and(matchingNow(actor, params), unchangedSince(snapshot))!;
}

/** How many conversations match the filter now but changed after the count: left as they are, and said so. */
export async function countChangedSince(db: Database, actor: Actor, params: Record<string, string>, snapshot: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${conversations} where ${matchingNow(actor, params)} and not ${unchangedSince(snapshot)}`,
  );
  return row?.n ?? 0;
}

export function conversationsByIds(ids: readonly string[]): SQL {
  return sql`${conversations.id} = any(${uuidArray(ids)})`;
}

/**
 * How many conversations "Todas" means right now, and the snapshot it was counted under (one
 * statement: the count and the snapshot are the same moment).
 */
export async function countMatching(db: Database, actor: Actor, params: Record<string, string>) {
  const [row] = await queryRows<{ count: number; snapshot: string }>(
    db,
    sql`select count(*)::int as count, pg_current_snapshot()::text as snapshot
        from ${conversations} where ${matchingNow(actor, params)}`,
  );
  return { count: row?.count ?? 0, cutoff: row!.snapshot };
}
