import { eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { findAssignees } from "@/lib/assignment/assignees";
import { fail } from "@/lib/errors";
import { enqueueJobs } from "@/lib/events/outbox";
import { historyInsert } from "@/lib/history/record";
import { uuidArray } from "@/lib/sql";
import type { Close } from "./input";

/**
 * Closes open conversations with a reason. The owner becomes the hand-over person, or the
 * closer: whoever should answer if the customer writes again. Either way the history entry says
 * who owned it before and after. Rows are locked in id order and decided on as locked.
 */
export async function closeConversations(
  tx: Database,
  actor: Actor,
  options: { selection: SQL; reason: string; handOverTo?: string; expectedVersion?: number },
): Promise<{ closed: number }> {
  if (options.handOverTo) {
    const [assignee] = await findAssignees(tx, actor.accountId, [options.handOverTo]);
    if (!assignee) fail("invalid_target");
  }
  const newOwner = options.handOverTo ?? actor.userId;
  const locked = await queryRows<{ id: string; status: string; version: number }>(
    tx,
    sql`select ${conversations.id} as id, ${conversations.status} as status, ${conversations.version} as version
        from ${conversations} where ${visibleConversations(actor)} and ${options.selection}
        order by ${conversations.id}
        for no key update of ${conversations}`,
  );
  if (locked.length === 0) fail("not_found");
  // Closing a conversation someone else closed (or changed) since it was shown would hide their work.
  if (options.expectedVersion !== undefined && locked.some((c) => c.version !== options.expectedVersion)) fail("conflict");
  if (locked.some((c) => c.status !== "open")) fail("conflict");

  await tx.execute(sql`
    with before as (
      select ${conversations.id} as id, ${conversations.ownerId} as old_owner from ${conversations}
      where ${conversations.accountId} = ${actor.accountId} and ${conversations.id} = any(${uuidArray(locked.map((c) => c.id))})
    ), closed as (
      update conversations c
      set status = 'closed', closed_at = now(), closed_by_id = ${actor.userId}, close_reason = ${options.reason},
          owner_id = ${newOwner}::uuid, version = c.version + 1
      from before b
      where c.account_id = ${actor.accountId} and c.id = b.id
      returning c.id, b.old_owner, c.owner_id as new_owner
    ), queued as (
      ${enqueueJobs(
        actor.accountId,
        "conversation.closed",
        sql`select id as conversation_id, jsonb_build_object('reason', ${options.reason}::text, 'owner', new_owner) as payload from closed`,
      )}
    )
    ${historyInsert(
      actor.accountId,
      actor,
      sql`select id as conversation_id, 'conversation.closed' as kind,
            json_build_object('reason', ${options.reason}::text, 'handOverTo', ${options.handOverTo ?? null}::uuid,
              'from', old_owner, 'to', new_owner) as data
          from closed`,
    )}`);
  return { closed: locked.length };
}

/** "Cerrar conversación" on one conversation, over the version the person saw. */
export function closeOne(tx: Database, actor: Actor, input: Close) {
  return closeConversations(tx, actor, {
    selection: eq(conversations.id, input.conversationId),
    reason: input.reason,
    handOverTo: input.handOverTo,
    expectedVersion: input.version,
  });
}
