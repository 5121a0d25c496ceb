import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { fail } from "@/lib/errors";
import { historyInsert } from "@/lib/history/record";

/**
 * Marks conversations unread so their owner sees them as new; each mark is in the history. One
 * already unread is left as it is (nothing changes, nothing is recorded). Rows are locked in id
 * order and decided on as locked.
 */
export async function markConversationsUnread(tx: Database, actor: Actor, selection: SQL): Promise<{ marked: number }> {
  const [row] = await queryRows<{ seen: number; marked: number }>(
    tx,
    sql`with locked as materialized (
          select ${conversations.id} as id, ${conversations.unread} as unread from ${conversations}
          where ${visibleConversations(actor)} and ${selection}
          order by ${conversations.id}
          for no key update of ${conversations}
        ), marked as (
          update conversations c set unread = true
          from locked l
          where c.account_id = ${actor.accountId} and c.id = l.id and not l.unread
          returning c.id, c.owner_id
        ), logged as (${historyInsert(
          actor.accountId,
          actor,
          sql`select id as conversation_id, 'conversation.marked_unread' as kind, json_build_object('for', owner_id) as data from marked`,
        )})
        select (select count(*)::int from locked) as seen, (select count(*)::int from marked) as marked`,
  );
  if (!row || row.seen === 0) fail("not_found");
  return { marked: row.marked };
}

/**
 * Opening a conversation reads it — but only for its owner: an admin looking in must not clear
 * what the owner has not seen. Not a change worth a history entry or a new version.
 */
export async function markReadByOwner(tx: Database, actor: Actor, conversationId: string): Promise<{ read: boolean }> {
  const rows = await tx
    .update(conversations)
    .set({ unread: false })
    .where(
      sql`${conversations.accountId} = ${actor.accountId} and ${conversations.id} = ${conversationId}
          and ${conversations.ownerId} = ${actor.userId} and ${conversations.unread}`,
    )
    .returning({ id: conversations.id });
  return { read: rows.length > 0 };
}
