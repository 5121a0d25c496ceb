import type { DomainError } from "@/lib/errors";
import type { Actor } from "./actor";
import { inboxAccess } from "./inbox";

/**
 * Who may change conversations: admins (any of the account) and sellers (their own, checked
 * against each row). Editors and support never; nobody on a plan without the inbox.
 */
export function inboxActionDenial(actor: Actor): DomainError | null {
  const access = inboxAccess(actor);
  if (!access.ok) return access.error;
  if (actor.role !== "admin" && actor.role !== "seller") return "forbidden";
  return null;
}
