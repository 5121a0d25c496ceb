import { connect, type Connection } from "@/db/client";

/**
 * A migrated database for one test file: an in-memory PGlite by default, or the PostgreSQL
 * database named by DATABASE_URL (a fresh one per run, made by scripts/test.sh). Tests never
 * share rows: each builds its own account(s) with the factories.
 */
export function openTestDb(options: { poolSize?: number } = {}): Promise<Connection> {
  return process.env.DATABASE_URL ? connect({ url: process.env.DATABASE_URL, ...options }) : connect({ dataDir: null });
}
