import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { contacts, conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { uuidArray } from "@/lib/sql";
import { resolveFilters } from "./filters";
import { inboxConditions } from "./list-conversations";

/**
 * "Todas": the conversations matching the list's filters, within what the actor may see,
 * that already existed at `cutoff` — conversations arriving after the count was shown are
 * not swept in. Returned as a condition on `conversations`, resolved by the database.
 */
export function matchingConversations(actor: Actor, params: Record<string, string>, cutoff: string): SQL {
  const filters = resolveFilters(params, actor.role);
  return sql`${conversations.id} in (
    select ${conversations.id} from ${conversations}
    inner join ${contacts} on ${and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId))}
    where ${inboxConditions(actor, filters)} and ${conversations.createdAt} <= ${cutoff}::timestamptz)`;
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
