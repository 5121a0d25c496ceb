import type { SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/access/actor";
import { fail } from "@/lib/errors";
import { assignConversations, type AssignOptions, type AssignSummary, type AssignTarget } from "./assign-conversations";
import { findAssignees } from "./assignees";
import type { BulkTarget } from "./bulk-input";
import { orderPool, recordDealt, resolvePool } from "./round-robin";

export interface Assignment extends Omit<AssignOptions, "target"> {
  selection: SQL;
  /** As the person (or the flow) chose it: people and groups are checked here, within the account. */
  target: BulkTarget;
}

/**
 * The assignment use case, the same for the single dialog, the bulk dialog and the automations:
 * check the target people or groups (for round robin, lock their counters and order the deal),
 * assign the conversations set-based, and remember who was dealt how many.
 */
export async function assign(tx: Database, actor: Actor, assignment: Assignment): Promise<AssignSummary> {
  const target = await resolveTarget(tx, actor.accountId, assignment.target);
  const summary = await assignConversations(tx, actor, { ...assignment, target });
  if (target.mode === "round_robin") await recordDealt(tx, actor.accountId, summary.assigned);
  return summary;
}

async function resolveTarget(tx: Database, accountId: string, target: BulkTarget): Promise<AssignTarget> {
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
