import { and, eq, sql, type SQL } from "drizzle-orm";
import { conversations, type Role } from "@/db/schema";
import { hasFeature } from "@/lib/plans/features";
import type { Actor } from "./actor";

export type InboxDenial = "forbidden" | "plan_required";

const INBOX_ROLES: readonly Role[] = ["admin", "seller", "support"];

/** Whether the actor may open the inbox at all: the role first, then the account's plan. */
export function inboxAccess(actor: Actor): { ok: true } | { ok: false; error: InboxDenial } {
  if (!INBOX_ROLES.includes(actor.role)) return { ok: false, error: "forbidden" };
  if (!hasFeature(actor, "inbox")) return { ok: false, error: "plan_required" };
  return { ok: true };
}

export function canSeeInbox(role: Role): boolean {
  return INBOX_ROLES.includes(role);
}

/** Support audits: it reads closed conversations and changes nothing. */
export function isReadOnly(actor: Actor): boolean {
  return actor.role === "support";
}

/**
 * The conversations an actor may see, as a WHERE condition: always within their account;
 * a seller only their own, support only closed ones, an editor none.
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
