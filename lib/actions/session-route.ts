import "server-only";
import { getDb, type Database } from "@/db/client";
import type { Actor } from "@/lib/access/actor";
import { gate } from "@/lib/access/pipeline";
import { getActor } from "@/lib/auth/session";
import type { Permission } from "@/lib/access/policy";
import { requestLogger, type Logger } from "@/lib/log";

const REFUSAL_STATUS = { unauthenticated: 401, password_change_required: 403, forbidden: 403, plan_required: 402 } as const;

interface Context<Q> {
  request: Request;
  db: Database;
  actor: Actor;
  /** The query string, parsed by the route's own parser (which falls back to defaults, never throws on bad values). */
  query: Q;
  log: Logger;
}

/**
 * A route handler behind a session, through the same gate as every action: signed in, no
 * one-time password pending, plan and role — from the database, before the query is read.
 * Anything unexpected is logged with its request id and answered 500 without detail.
 */
export function sessionRoute<Q>(
  spec: { name: string; permission: Permission; query: (params: URLSearchParams) => Q },
  handler: (context: Context<Q>) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    const actor = await getActor();
    const refused = gate(actor, spec.permission);
    if (refused || !actor) {
      const code = refused ?? "unauthenticated";
      const status = code in REFUSAL_STATUS ? REFUSAL_STATUS[code as keyof typeof REFUSAL_STATUS] : 403;
      return new Response(code, { status, headers: { "cache-control": "no-store" } });
    }
    const log = requestLogger({ route: spec.name, userId: actor.userId, accountId: actor.accountId });
    try {
      return await handler({ request, db: await getDb(), actor, query: spec.query(new URL(request.url).searchParams), log });
    } catch (error) {
      // The browser left mid-request (a page change cancels its presence beat): nobody to answer, nothing went wrong.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      log.error({ err: error }, "route failed");
      return new Response("unexpected", { status: 500, headers: { "cache-control": "no-store" } });
    }
  };
}
