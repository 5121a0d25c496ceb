import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/inbox";
import { inboxActionDenial } from "@/lib/access/inbox-actions";
import { fail, inTransaction } from "@/lib/errors";
import { conversationsByIds, countChangedSince, matchingConversations } from "@/lib/inbox/selection";
import { assignConversations, type AssignTarget } from "./assign-conversations";
import { findAssignees } from "./assignees";
import { bulkAssignSchema, MAX_BULK_CONVERSATIONS, type BulkAssignInput, type BulkTarget } from "./bulk-input";
import { orderPool, recordDealt, resolvePool } from "./round-robin";

/**
 * Bulk "Asignar conversación": the same set-based assignment as the single dialog, over the
 * ticked rows or over every conversation matching the filter, in one transaction.
 */
export async function assignInBulk(db: Database, actor: Actor, input: BulkAssignInput) {
  const denial = inboxActionDenial(actor);
  if (denial) return { ok: false as const, error: denial };
  const parsed = bulkAssignSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, error: "invalid_input" as const };
  const { selection, markUnread, transfer } = parsed.data;
  return inTransaction(db, async (tx) => {
    const condition =
      selection.kind === "ids"
        ? conversationsByIds(selection.ids)
        : matchingConversations(actor, selection.params, selection.cutoff);
    // Counted before anything is locked, so an oversized "Todas" is refused cheaply.
    const [counted] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (select 1 from ${conversations}
          where ${visibleConversations(actor)} and ${condition} limit ${MAX_BULK_CONVERSATIONS + 1}) s`,
    );
    if ((counted?.n ?? 0) > MAX_BULK_CONVERSATIONS) fail("too_many");
    // Said in the summary, so "1.240 seleccionadas" and what was done add up.
    const changedSinceCount =
      selection.kind === "filter" ? await countChangedSince(tx, actor, selection.params, selection.cutoff) : 0;
    const target = await resolveAssignTarget(tx, actor.accountId, parsed.data.target);
    const summary = await assignConversations(tx, actor, {
      selection: condition,
      target,
      markUnread,
      transfer,
      limit: MAX_BULK_CONVERSATIONS,
      expectedCount: counted?.n,
      // "Todas" whose every conversation changed since the count did nothing, and says why.
      allowEmpty: selection.kind === "filter",
    });
    if (target.mode === "round_robin") await recordDealt(tx, actor.accountId, summary.assigned);
    return { summary: { ...summary, changedSinceCount } };
  });
}

/** Checks the people or groups a bulk target names and, for round robin, orders the pool for this deal. */
export async function resolveAssignTarget(tx: Database, accountId: string, target: BulkTarget): Promise<AssignTarget> {
  switch (target.mode) {
    case "user": {
      const [assignee] = await findAssignees(tx, accountId, [target.userId]);
      if (!assignee) fail("invalid_target");
      return { mode: "user", userId: assignee.id };
    }
    case "round_robin": {
      const pool = await resolvePool(tx, accountId, target.pool);
      return { mode: "round_robin", userIds: await orderPool(tx, accountId, pool) };
    }
    default:
      return target;
  }
}
