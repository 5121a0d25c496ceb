import { setTimeout as sleep } from "node:timers/promises";
import { PgTransaction } from "drizzle-orm/pg-core";
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
  /** PostgreSQL kept finding a deadlock or serialization failure, retried a few times: try again later. */
  | "busy"
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

/** PostgreSQL's SQLSTATE of an error, whichever driver raised it (drizzle wraps the driver's error in `cause`). */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A deadlock or a serialization failure: the transaction lost a race and may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = sqlState(error);
  return code === "40P01" || code === "40001";
}

/**
 * `work`, with a unique violation refused as `code` (a name or email already taken). The statement
 * that failed aborted the transaction; the refusal rolls it back like any other.
 */
export async function unlessTaken<T>(code: DomainError, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (sqlState(error) === "23505") fail(code);
    throw error;
  }
}

export class RetriesExhausted extends Error {
  constructor(readonly attempts: number, options: { cause: unknown }) {
    super(`transaction lost a race ${attempts} times`, options);
  }
}

export const TRANSACTION_ATTEMPTS = 4;

/**
 * `run` again (up to TRANSACTION_ATTEMPTS times, after a short random pause) when PostgreSQL
 * aborts it for a deadlock or a serialization failure; the last such failure comes out as
 * RetriesExhausted. `run` is a whole transaction: one statement on its own is one too.
 */
export async function retryConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= TRANSACTION_ATTEMPTS) throw new RetriesExhausted(attempt, { cause: error });
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}

/**
 * Runs `work` in a transaction, retried as retryConflicts says. Inside an outer transaction it
 * runs as a savepoint once: only the outermost transaction can be retried, the outer one holds
 * its locks.
 */
export async function transactionWithRetry<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return db.transaction((tx) => work(tx as unknown as Database));
  return retryConflicts(() => db.transaction((tx) => work(tx as unknown as Database)));
}

/**
 * Runs a domain change in one transaction: a DomainFailure rolls it all back and comes out as
 * a returned error; a race PostgreSQL broke is run again, and if it keeps losing comes out as
 * "busy"; anything else is thrown on.
 */
export async function inTransaction<T extends object>(db: Database, work: (tx: Database) => Promise<T>): Promise<Result<T>> {
  try {
    const value = await transactionWithRetry(db, work);
    return { ok: true, ...value };
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.code };
    if (error instanceof RetriesExhausted) return { ok: false, error: "busy" };
    throw error;
  }
}
