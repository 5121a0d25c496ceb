import type { Role } from "@/db/schema";
import type { DomainError } from "@/lib/errors";
import { hasFeature } from "@/lib/plans/features";
import type { Actor } from "./actor";

/**
 * Users, groups and the subscription are the account admins' business, on every plan: an
 * admin on Basic must still be able to upgrade. An automation acting as admin may not.
 */
export function accountAdminDenial(actor: Actor): DomainError | null {
  if (actor.role !== "admin" || actor.system) return "forbidden";
  return null;
}

const AUDIT_ROLES: readonly Role[] = ["admin", "support"];

export function canSeeAudit(role: Role): boolean {
  return AUDIT_ROLES.includes(role);
}

/** The audit of closed conversations: support and admins, on a plan that has the inbox. */
export function auditDenial(actor: Actor): "forbidden" | "plan_required" | null {
  if (!canSeeAudit(actor.role) || actor.system) return "forbidden";
  if (!hasFeature(actor, "audit")) return "plan_required";
  return null;
}
