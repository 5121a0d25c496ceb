import type { DomainError } from "@/lib/errors";
import { hasFeature } from "@/lib/plans/features";
import { ASSIGNABLE_ROLES } from "@/lib/assignment/assignees";
import type { Actor } from "./actor";

/**
 * Who may change conversations: admins (any of the account) and sellers (their own, checked
 * against each row). The plan first — an account without the inbox hears "plan required" whoever
 * asks — then the role: editors and support never. Decided before any id is looked at.
 */
export function inboxActionDenial(actor: Actor): DomainError | null {
  if (!hasFeature(actor, "inbox")) return "plan_required";
  if (!(ASSIGNABLE_ROLES as readonly string[]).includes(actor.role)) return "forbidden";
  return null;
}
