import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Each running outbox worker (one per app instance, or `npm run worker` apart) says it is alive
 * here, so /api/health on any instance can tell whether someone is delivering the outbox.
 */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  beatAt: timestamp("beat_at", { withTimezone: true }).notNull().defaultNow(),
});
