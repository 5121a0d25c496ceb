import postgres from "postgres";
import { connect, type Connection } from "@/db/client";

export type Engine = "postgres" | "pglite";

/** The server the bench creates its databases on: DATABASE_URL's, else the machine's own PostgreSQL. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A database of the bench's own: on PostgreSQL a fresh one it creates and `cleanup` drops (with
 * `prefix` and the pid in its name); on PGlite an in-memory one.
 */
export async function openBenchDatabase(engine: Engine, prefix = "turno_bench"): Promise<{ conn: Connection; cleanup: () => Promise<void> }> {
  const url = POSTGRES_URL;
  if (engine === "pglite") {
    const conn = await connect({ dataDir: null });
    return { conn, cleanup: () => conn.close() };
  }
  const name = `${prefix}_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const conn = await connect({ url: target.toString() });
  return {
    conn,
    cleanup: async () => {
      await conn.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/**
 * The machine-readable `figure <name> <value>` line. The figures are PostgreSQL's; a PGlite run
 * says its values in the report only, so no name ever appears twice in one run.
 */
export function figureLine(engine: Engine, say: (line: string) => void) {
  return (name: string, value: string) => say(engine === "postgres" ? `figure ${name} ${value}` : `  PGlite: ${name} ${value}`);
}
