import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

/**
 * Structured logs: one JSON object per line (what a log collector reads); `npm run dev` pipes
 * them through pino-pretty for people. Each action, route and worker job logs through a child
 * with its own request id, so the lines of one request can be found together.
 */
export const log: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "error" : "info"),
  base: { service: "turno" },
  // Errors come out with their stack and cause, not as "{}".
  serializers: { error: pino.stdSerializers.errWithCause, err: pino.stdSerializers.errWithCause },
});

export type { Logger };

/** A logger for one request, action or job, with an id of its own. */
export function requestLogger(fields: Record<string, unknown>, requestId: string = randomUUID()): Logger {
  return log.child({ requestId, ...fields });
}
