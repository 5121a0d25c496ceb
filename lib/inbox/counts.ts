import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";

/** Past this a badge says "99+": nobody reads a larger number, and counting it costs every page. */
export const COUNT_CAP = 99;

/** A badge's text: the number, or "99+". */
export function badgeCount(n: number): string {
  return n > COUNT_CAP ? `${COUNT_CAP}+` : String(n);
}

/**
 * The numbers beside "Mías" and "Solo no leídas", and the tab title's: open conversations the
 * viewer owns, open ones they may see that are unread, and their own unread ones — each counted
 * up to COUNT_CAP + 1 only. Every inbox page shows them, and an account of a million has 140,000
 * unread: counted whole that was a pass over 140,000 index entries on every page load.
 */
export async function inboxCounts(db: Database, actor: Actor) {
  const open = and(visibleConversations(actor), eq(conversations.status, "open"));
  const countWhere = async (...extra: Parameters<typeof and>) =>
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from (select 1 from ${conversations} where ${and(open, ...extra)} limit ${COUNT_CAP + 1}) s`,
      )
    )[0]?.n ?? 0;
  const [mine, unread, mineUnread] = await Promise.all([
    countWhere(eq(conversations.ownerId, actor.userId)),
    countWhere(eq(conversations.unread, true)),
    countWhere(eq(conversations.ownerId, actor.userId), eq(conversations.unread, true)),
  ]);
  return { mine, unread, mineUnread };
}
