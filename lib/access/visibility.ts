import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "./actor";

/**
 * The conversations an actor may see, as a WHERE condition: always within their account; a
 * seller only their own, support only closed ones, an editor none. Every query of conversations
 * goes through it; the permissions in policy.ts say what they may do with them.
 */
export function visibleConversations(actor: Actor): SQL {
  const inAccount = eq(conversations.accountId, actor.accountId);
  switch (actor.role) {
    case "admin":
      return inAccount;
    case "seller":
      return and(inAccount, eq(conversations.ownerId, actor.userId))!;
    case "support":
      return and(inAccount, eq(conversations.status, "closed"))!;
    default:
      return sql`false`;
  }
}

/** Whether the actor can still see the conversation — a seller who gave it away cannot. */
export async function canSeeConversation(db: Database, actor: Actor, conversationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visibleConversations(actor), eq(conversations.id, conversationId)));
  return Boolean(row);
}

/**
 * The same rule as visibleConversations, for a row already read: the live inbox reads the
 * conversations a change touched once, then decides for every open screen without a query each.
 * tests/integration/live.test.ts checks the two forms agree for every role.
 */
export function mayView(actor: Actor, conversation: { accountId: string; ownerId: string | null; status: string }): boolean {
  if (conversation.accountId !== actor.accountId) return false;
  switch (actor.role) {
    case "admin":
      return true;
    case "seller":
      return conversation.ownerId === actor.userId;
    case "support":
      return conversation.status === "closed";
    default:
      return false;
  }
}
