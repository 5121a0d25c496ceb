import "server-only";
import { revalidatePath } from "next/cache";
import { getDb, type Database } from "@/db/client";
import type { DomainError } from "@/lib/errors";
import type { Actor } from "./actor";
import { getActor } from "./session";

export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: DomainError };

/**
 * The common part of every server action: the actor from the database (not the cookie), one
 * domain call, the given area re-rendered on success, and unexpected errors logged with
 * context but shown to the person only as a generic message.
 */
export function serverAction<I, T extends object>(
  name: string,
  /** The area to re-render after a change; null for an action that only reads. */
  revalidate: string | null,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return async (input: I): Promise<ActionResult<T>> => {
    const actor = await getActor();
    if (!actor) return { ok: false, error: "unauthenticated" };
    if (actor.mustChangePassword) return { ok: false, error: "password_change_required" };
    try {
      const result = await run(await getDb(), actor, input);
      if (result.ok && revalidate) revalidatePath(revalidate, "layout");
      return result;
    } catch (error) {
      console.error(`action ${name} failed`, { userId: actor.userId, accountId: actor.accountId, error });
      return { ok: false, error: "unexpected" };
    }
  };
}

export function inboxAction<I, T extends object>(
  name: string,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return serverAction(name, "/inbox", run);
}

/**
 * An inbox action that only reads (the count behind "Todas"): re-rendering the inbox after it
 * would send the whole list again for nothing.
 */
export function inboxQuery<I, T extends object>(
  name: string,
  run: (db: Database, actor: Actor, input: I) => Promise<ActionResult<T>>,
) {
  return serverAction(name, null, run);
}
