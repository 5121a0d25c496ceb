import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, queryRows, type Database } from "@/db/client";
import { WORKER_SILENCE_MS } from "./heartbeat";

export interface Health {
  ok: boolean;
  database: "ok" | "unreachable";
  migrations: "current" | "pending" | "unknown";
  worker: "alive" | "silent" | "unknown";
}

/** The newest migration this build ships, by the time drizzle-kit stamped it. */
async function newestShippedMigration(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

/**
 * Whether this instance can serve: the database answers, every migration this build ships is
 * applied (drizzle records each by its stamp), and some outbox worker beat within 30 s. No
 * account data: it answers without a session. `shipped` stands for a build with newer migrations.
 */
export async function checkHealth(db: Database | null, shipped?: number): Promise<Health> {
  const down: Health = { ok: false, database: "unreachable", migrations: "unknown", worker: "unknown" };
  if (!db) return down;
  let newestApplied: number;
  try {
    const [applied] = await queryRows<{ newest: string | null }>(db, sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`);
    newestApplied = Number(applied?.newest ?? 0);
  } catch {
    return down;
  }
  const migrations = newestApplied >= (shipped ?? (await newestShippedMigration())) ? "current" : "pending";
  let worker: Health["worker"] = "unknown";
  // Before the migrations are current the heartbeat table may not exist yet: "unknown", not "down".
  if (migrations === "current") {
    const [beat] = await queryRows<{ alive: boolean }>(
      db,
      sql`select exists (select 1 from worker_heartbeats
                          where beat_at > now() - ${`${WORKER_SILENCE_MS} milliseconds`}::interval) as alive`,
    );
    worker = beat?.alive ? "alive" : "silent";
  }
  return { ok: migrations === "current" && worker === "alive", database: "ok", migrations, worker };
}
