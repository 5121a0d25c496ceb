import { requestLogger, type Logger } from "@/lib/log";

// Apart from session-route.ts so a handler without a session never loads the session (next-auth).
/**
 * A route handler with no session (its own check, such as a signature, or none at all): a
 * request id on its logs, and a 500 without detail for anything unexpected (the database is
 * down, say: a caller that retries, like Meta, delivers again later and nothing is lost).
 */
export function publicRoute(name: string, handler: (request: Request, log: Logger) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const log = requestLogger({ route: name });
    try {
      return await handler(request, log);
    } catch (error) {
      log.error({ err: error }, "route failed");
      return Response.json({ error: "retry_later" }, { status: 500, headers: { "cache-control": "no-store" } });
    }
  };
}
