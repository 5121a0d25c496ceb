import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { inboxActionDenial } from "@/lib/access/inbox-actions";
import { fail, inTransaction } from "@/lib/errors";
import { assignConversations, type AssignTarget } from "./assign-conversations";
import { findAssignees } from "./assignees";
import { assignOneSchema, type AssignOneInput, type SingleTarget } from "./input";

/** "Asignar conversación" on one conversation: the set-based assignment over a set of one. */
export async function assignOne(db: Database, actor: Actor, input: AssignOneInput) {
  const denial = inboxActionDenial(actor);
  if (denial) return { ok: false as const, error: denial };
  const parsed = assignOneSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, error: "invalid_input" as const };
  const { conversationId, version, markUnread, transfer } = parsed.data;
  return inTransaction(db, async (tx) => {
    const target = await resolveTarget(tx, actor.accountId, parsed.data.target);
    const summary = await assignConversations(tx, actor, {
      selection: eq(conversations.id, conversationId),
      target,
      markUnread,
      transfer,
      expectedVersion: version,
      strict: true,
    });
    return { summary };
  });
}

async function resolveTarget(tx: Database, accountId: string, target: SingleTarget): Promise<AssignTarget> {
  if (target.mode !== "user") return target;
  const [assignee] = await findAssignees(tx, accountId, [target.userId]);
  if (!assignee) fail("invalid_target");
  return { mode: "user", userId: assignee.id };
}
