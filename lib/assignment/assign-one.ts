import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { assign } from "./assign";
import type { AssignOne } from "./input";

/**
 * "Asignar conversación" on one conversation: the set-based assignment over a set of one,
 * refused rather than skipped when it can't be done, and only over the version the person saw.
 */
export function assignOne(tx: Database, actor: Actor, input: AssignOne) {
  return assign(tx, actor, {
    selection: eq(conversations.id, input.conversationId),
    target: input.target,
    markUnread: input.markUnread,
    transfer: input.transfer,
    expectedVersion: input.version,
    strict: true,
  });
}
