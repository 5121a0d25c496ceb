import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";

/**
 * The numbers beside "Mías" and "Solo no leídas", and the tab title's: open conversations the
 * viewer owns, open ones they may see that are unread, and their own unread ones. Each a count
 * the list's indexes answer (owner, unread), not a pass over the whole account.
 */
export async function inboxCounts(db: Database, actor: Actor) {
  const open = and(visibleConversations(actor), eq(conversations.status, "open"));
  const countWhere = async (...extra: Parameters<typeof and>) =>
    (await db.select({ n: count() }).from(conversations).where(and(open, ...extra)))[0]?.n ?? 0;
  const [mine, unread, mineUnread] = await Promise.all([
    countWhere(eq(conversations.ownerId, actor.userId)),
    countWhere(eq(conversations.unread, true)),
    countWhere(eq(conversations.ownerId, actor.userId), eq(conversations.unread, true)),
  ]);
  return { mine, unread, mineUnread };
}
