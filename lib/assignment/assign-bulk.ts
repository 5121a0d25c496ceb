import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { fail } from "@/lib/errors";
import { conversationsByIds, countChangedSince, matchingConversations } from "@/lib/inbox/selection";
import { assign } from "./assign";
import type { AssignSummary } from "./assign-conversations";
import { MAX_BULK_CONVERSATIONS, type BulkAssign } from "./bulk-input";

/**
 * Bulk "Asignar conversación": the same assignment as the single dialog, over the ticked rows or
 * over every conversation matching the filter as it was counted, in one transaction.
 */
export async function assignInBulk(tx: Database, actor: Actor, input: BulkAssign): Promise<AssignSummary> {
  const { selection } = input;
  const condition =
    selection.kind === "ids" ? conversationsByIds(selection.ids) : matchingConversations(actor, selection.params, selection.cutoff);
  // Counted before anything is locked, so an oversized "Todas" is refused cheaply.
  const [counted] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select 1 from ${conversations}
        where ${visibleConversations(actor)} and ${condition} limit ${MAX_BULK_CONVERSATIONS + 1}) s`,
  );
  if ((counted?.n ?? 0) > MAX_BULK_CONVERSATIONS) fail("too_many");
  // Said in the summary, so "1.240 seleccionadas" and what was done add up.
  const changedSinceCount = selection.kind === "filter" ? await countChangedSince(tx, actor, selection.params, selection.cutoff) : 0;
  const summary = await assign(tx, actor, {
    selection: condition,
    target: input.target,
    markUnread: input.markUnread,
    transfer: input.transfer,
    limit: MAX_BULK_CONVERSATIONS,
    expectedCount: counted?.n,
    // "Todas" whose every conversation changed since the count did nothing, and says why.
    allowEmpty: selection.kind === "filter",
  });
  return { ...summary, changedSinceCount };
}
