import "server-only";
import { revalidatePath } from "next/cache";
import { getDb, type Database } from "@/db/client";
import { RetriesExhausted, type DomainError } from "@/lib/errors";
import { isCleanInput } from "@/lib/text";
import type { Actor } from "./actor";
import { accountAdminDenial } from "./admin";
import { inboxActionDenial } from "./inbox-actions";
import { getActor } from "./session";

export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: DomainError };

export interface ActionOptions {
  /** Who may call it at all, decided on the actor from the database before the input is looked at. */
  policy: (actor: Actor) => DomainError | null;
  /** The area to re-render after a change; null for an action that only reads. */
  revalidate: string | null;
}

/**
 * The common part of every server action, in this order: the actor from the database (not the
 * cookie), the pending one-time password, the action's policy (so "plan required" and
 * "forbidden" come before any id is looked at), text that can't be stored refused as
 * invalid_input, one domain call, the given area re-rendered on success. A race PostgreSQL kept
 * breaking is "busy"; anything else unexpected is logged with context and shown to the person
 * only as a generic message.
 */
export function serverAction<I, T extends object>(
  name: string,
  options: ActionOptions,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return async (input: I): Promise<ActionResult<T>> => {
    const actor = await getActor();
    if (!actor) return { ok: false, error: "unauthenticated" };
    if (actor.mustChangePassword) return { ok: false, error: "password_change_required" };
    const denial = options.policy(actor);
    if (denial) return { ok: false, error: denial };
    if (!isCleanInput(input)) return { ok: false, error: "invalid_input" };
    try {
      const result = await run(await getDb(), actor, input);
      if (result.ok && options.revalidate) revalidatePath(options.revalidate, "layout");
      return result;
    } catch (error) {
      if (error instanceof RetriesExhausted) return { ok: false, error: "busy" };
      console.error(`action ${name} failed`, { userId: actor.userId, accountId: actor.accountId, error });
      return { ok: false, error: "unexpected" };
    }
  };
}

/** A change to conversations: admins and sellers, on a plan with the inbox. */
export function inboxAction<I, T extends object>(
  name: string,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return serverAction(name, { policy: inboxActionDenial, revalidate: "/inbox" }, run);
}

/**
 * An inbox action that only reads (the count behind "Todas"): re-rendering the inbox after it
 * would send the whole list again for nothing.
 */
export function inboxQuery<I, T extends object>(
  name: string,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return serverAction(name, { policy: inboxActionDenial, revalidate: null }, run);
}

/** Users, groups and the subscription: the account's admins. */
export function adminAction<I, T extends object>(
  name: string,
  revalidate: string,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return serverAction(name, { policy: accountAdminDenial, revalidate }, run);
}
