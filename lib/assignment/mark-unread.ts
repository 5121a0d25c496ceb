import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import { historyActorId, type Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/inbox";
import { inboxActionDenial } from "@/lib/access/inbox-actions";
import { fail, inTransaction } from "@/lib/errors";

/**
 * Marks conversations unread so their owner sees them as new; each mark is in the history. One
 * already unread is left as it is (nothing changes, nothing is recorded). Rows are locked in id
 * order and decided on as locked.
 */
export async function markConversationsUnread(tx: Database, actor: Actor, selection: SQL): Promise<{ marked: number }> {
  const denial = inboxActionDenial(actor);
  if (denial) fail(denial);
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
        ), logged as (
          insert into history_entries (account_id, conversation_id, actor_id, kind, data)
          select ${actor.accountId}, id, ${historyActorId(actor)}::uuid, 'conversation.marked_unread', jsonb_build_object('for', owner_id)
          from marked
        )
        select (select count(*)::int from locked) as seen, (select count(*)::int from marked) as marked`,
  );
  if (!row || row.seen === 0) fail("not_found");
  return { marked: row.marked };
}

export async function markOneUnread(db: Database, actor: Actor, conversationId: string) {
  const denial = inboxActionDenial(actor);
  if (denial) return { ok: false as const, error: denial };
  if (!z.uuid().safeParse(conversationId).success) return { ok: false as const, error: "invalid_input" as const };
  return inTransaction(db, (tx) => markConversationsUnread(tx, actor, eq(conversations.id, conversationId)));
}

/**
 * Opening a conversation reads it — but only for its owner: an admin looking in must not
 * clear what the owner has not seen. Not a change worth a history entry or a new version.
 */
export async function markReadByOwner(db: Database, actor: Actor, conversationId: string): Promise<void> {
  if (!z.uuid().safeParse(conversationId).success) return;
  await db
    .update(conversations)
    .set({ unread: false })
    .where(
      sql`${conversations.accountId} = ${actor.accountId} and ${conversations.id} = ${conversationId}
          and ${conversations.ownerId} = ${actor.userId} and ${conversations.unread}`,
    );
}
