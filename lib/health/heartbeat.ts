import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/** How long a worker may go without a beat before health calls it gone. */
export const WORKER_SILENCE_MS = 30_000;
// Beating on every poll would write every two seconds for nothing; this keeps the row fresh enough.
const BEAT_EVERY_MS = 10_000;

/** One worker's heartbeat: `beat()` writes at most every ten seconds and clears rows of workers long gone. */
export function heartbeat(workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`) {
  let last = 0;
  return {
    workerId,
    async beat(db: Database, now = Date.now()) {
      if (now - last < BEAT_EVERY_MS) return;
      last = now;
      await db.execute(sql`insert into worker_heartbeats (worker_id, beat_at) values (${workerId}, now())
                           on conflict (worker_id) do update set beat_at = excluded.beat_at`);
      await db.execute(sql`delete from worker_heartbeats where beat_at < now() - interval '1 day'`);
    },
  };
}
