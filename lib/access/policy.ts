import type { Role } from "@/db/schema";
import { hasFeature, type Feature } from "@/lib/plans/features";
import type { Actor } from "./actor";

/**
 * Who may see and do what, checked against the product's table "People and what they may do":
 * the roles that have each permission, the plan feature it needs (null: every plan), and whether
 * an automation — acting for the account, no person behind it — may use it. Which rows a seller
 * or support sees is the other half, in visibility.ts.
 */
export const PERMISSIONS = {
  seeInbox: { roles: ["admin", "seller", "support"], feature: "inbox", automation: true },
  // Sellers only on their own conversations (visibleConversations); support reads, never changes.
  changeConversations: { roles: ["admin", "seller"], feature: "inbox", automation: true },
  auditCloses: { roles: ["admin", "support"], feature: "audit", automation: false },
  // On every plan: an admin on Basic must still be able to upgrade.
  manageAccount: { roles: ["admin"], feature: null, automation: false },
  manageAutomations: { roles: ["admin"], feature: "automations", automation: false },
  // Support's work is the audit of closed conversations, not the CRM.
  seeContacts: { roles: ["admin", "seller", "editor"], feature: null, automation: false },
  // One's own password and session: anyone signed in.
  manageOwnAccess: { roles: ["admin", "seller", "editor", "support"], feature: null, automation: false },
} as const satisfies Record<string, { roles: readonly Role[]; feature: Feature | null; automation: boolean }>;

export type Permission = keyof typeof PERMISSIONS;

/** Who can own a conversation (be assigned it, dealt it, handed it over): the roles that may change them. */
export const ASSIGNABLE_ROLES = PERMISSIONS.changeConversations.roles;

/** Whether the role ever has the permission, whatever the plan (what a navigation link shows). */
export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/**
 * Why an action is refused, or null: the plan first — an account without the feature hears
 * "plan required" whoever asks — then the role. Decided before any input is looked at.
 */
export function denial(actor: Actor, permission: Permission): "plan_required" | "forbidden" | null {
  const rule = PERMISSIONS[permission];
  if (rule.feature && !hasFeature(actor, rule.feature)) return "plan_required";
  if (!roleMay(actor.role, permission) || (actor.system && !rule.automation)) return "forbidden";
  return null;
}

/**
 * For a page the role comes first: someone who can never use it gets "not found" rather than an
 * offer to upgrade; someone who could on another plan gets the locked page.
 */
export function pageAccess(actor: Actor, permission: Permission): "ok" | "not_found" | "locked" {
  if (!roleMay(actor.role, permission) || actor.system) return "not_found";
  const rule = PERMISSIONS[permission];
  return rule.feature && !hasFeature(actor, rule.feature) ? "locked" : "ok";
}
