import type { z } from "zod";
import type { Database } from "@/db/client";
import { DomainFailure, RetriesExhausted, transactionWithRetry, type DomainError, type Result } from "@/lib/errors";
import { requestLogger, type Logger } from "@/lib/log";
import { isCleanInput } from "@/lib/text";
import type { Actor } from "./actor";
import { denial, type Permission } from "./policy";


/** What an action is: its input, who may call it, what it does, and what to re-render after. */
export interface ActionSpec<I extends z.ZodType, T extends object> {
  name: string;
  input: I;
  permission: Permission;
  /** The area re-rendered after a change (or, from the result, whether anything changed); none for a read. */
  revalidate?: string | ((result: NoInfer<T>) => string | null);
  /** Domain rules over one transaction: the input parsed, the actor allowed. A refusal is fail(code). */
  run(tx: Database, actor: Actor, input: z.output<I>, log: Logger): Promise<T>;
}

export function defineAction<I extends z.ZodType, T extends object>(spec: ActionSpec<I, T>): ActionSpec<I, T> {
  return spec;
}

/**
 * The one pipeline every action goes through, in this order: signed in (the actor as the
 * database knows them now), no one-time password pending, the permission (plan first, then role,
 * before any input is looked at), text PostgreSQL can't store refused, the input parsed, the
 * domain run in one transaction (a lost race retried, then "busy"), refusals returned as their
 * typed error, anything else logged with context and answered "unexpected".
 */
/**
 * Whether this person may go on at all: signed in (the actor as the database knows them now), no
 * one-time password pending, the permission (plan first, then role). The one gate actions and
 * route handlers share, decided before any input is looked at.
 */
export function gate(actor: Actor | null, permission: Permission): Exclude<DomainError, "unexpected"> | null {
  if (!actor) return "unauthenticated";
  if (actor.mustChangePassword) return "password_change_required";
  return denial(actor, permission);
}

export async function perform<I extends z.ZodType, T extends object>(
  spec: ActionSpec<I, T>,
  db: Database,
  actor: Actor | null,
  raw: unknown,
): Promise<Result<T>> {
  const refused = gate(actor, spec.permission);
  if (refused || !actor) return { ok: false, error: refused ?? "unauthenticated" };
  if (!isCleanInput(raw)) return { ok: false, error: "invalid_input" };
  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid_input" };
  const log = requestLogger({ action: spec.name, userId: actor.userId, accountId: actor.accountId });
  try {
    const value = await transactionWithRetry(db, (tx) => spec.run(tx, actor, parsed.data, log));
    return { ok: true, ...value };
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.code };
    if (error instanceof RetriesExhausted) {
      log.warn({ err: error }, "action lost its race every time");
      return { ok: false, error: "busy" };
    }
    log.error({ err: error }, "action failed");
    return { ok: false, error: "unexpected" };
  }
}
