import postgres from "postgres";
import { connect, type Connection } from "@/db/client";

/**
 * A database of the bench's own: on PostgreSQL when DATABASE_URL is set, a fresh one it creates
 * and `cleanup` drops (with `prefix` and the pid in its name); otherwise an in-memory PGlite.
 */
export async function openBenchDatabase(prefix = "turno_bench"): Promise<{ conn: Connection; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
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
