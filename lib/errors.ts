import type { Database } from "@/db/client";

/**
 * Errors a person can fix or understand, returned as values by the domain functions and shown
 * through the message catalogue (errors.<code>). Anything else is thrown.
 */
export type DomainError =
  | "forbidden"
  | "plan_required"
  | "not_found"
  | "conflict"
  | "invalid_input"
  | "invalid_target"
  | "contact_has_no_owner"
  | "window_closed"
  | "too_many"
  | "empty_group"
  | "last_admin"
  | "email_taken"
  | "name_taken"
  | "group_in_use"
  | "self_deactivation"
  | "unauthenticated"
  | "password_change_required"
  | "unexpected";

export type Result<T> = ({ ok: true } & T) | { ok: false; error: DomainError };

export class DomainFailure extends Error {
  constructor(readonly code: DomainError) {
    super(code);
  }
}

export function fail(code: DomainError): never {
  throw new DomainFailure(code);
}

/**
 * Runs a domain change in one transaction: a DomainFailure rolls it all back and comes out as
 * a returned error; anything else is thrown on.
 */
export async function inTransaction<T extends object>(db: Database, work: (tx: Database) => Promise<T>): Promise<Result<T>> {
  try {
    const value = await db.transaction((tx) => work(tx as unknown as Database));
    return { ok: true, ...value };
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.code };
    throw error;
  }
}
