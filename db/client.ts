import path from "node:path";
import { mkdirSync } from "node:fs";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

// The one place that knows which engine runs: PGlite in a local folder by default,
// PostgreSQL when DATABASE_URL is set. Everything else sees a drizzle `Database`.
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Connection {
  db: Database;
  engine: "pglite" | "postgres";
  migrate(): Promise<void>;
  /**
   * Hears NOTIFYs on `channel` (what another instance, or this one, published when its change
   * committed). PostgreSQL: one dedicated connection, reconnected by the driver; PGlite: its own
   * in-process notifications. Resolves once listening; the function stops it. `onRelisten` is
   * called when the driver listens again after a dropped connection: what was published in the
   * gap was not heard.
   */
  listen(channel: string, onPayload: (payload: string) => void, onRelisten?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function defaultPgliteDir(): string {
  // Resolved at run time from the working folder; the ignore keeps the build from tracing the whole tree.
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"));
}

/** Opens a connection and brings its schema up to date. `dataDir: null` means an in-memory PGlite. */
export async function connect(
  options: { url?: string; dataDir?: string | null; migrate?: boolean; loadDataDir?: Blob; poolSize?: number } = {},
): Promise<Connection> {
  const url = options.url ?? process.env.DATABASE_URL;
  const conn = url ? await connectPostgres(url, options.poolSize) : await connectPglite(options);
  if (options.migrate !== false) await migrate(conn);
  return conn;
}

const MIGRATION_LOCK = 727_001;

async function connectPostgres(url: string, poolSize?: number): Promise<Connection> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
  });
  const db = drizzle({ client, schema });
  return {
    db: db as unknown as Database,
    engine: "postgres",
    // Several app instances may start together against one server: a session advisory lock,
    // held on a connection of its own, lets one of them migrate while the others wait.
    async migrate() {
      const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
      const lock = await client.reserve();
      try {
        await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await run(db, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
        lock.release();
      }
    },
    async listen(channel, onPayload, onRelisten) {
      let first = true;
      const request = await client.listen(channel, onPayload, () => {
        if (!first) onRelisten?.();
        first = false;
      });
      return () => request.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function connectPglite(options: { dataDir?: string | null; loadDataDir?: Blob }): Promise<Connection> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir === null ? undefined : (options.dataDir ?? defaultPgliteDir());
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await openPglite({ dataDir, loadDataDir: options.loadDataDir });
  const db = drizzle({ client, schema });
  return {
    db: db as unknown as Database,
    engine: "pglite",
    async migrate() {
      const { migrate: run } = await import("drizzle-orm/pglite/migrator");
      await run(db, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async listen(channel, onPayload) {
      const stop = await client.listen(channel, onPayload);
      return () => stop();
    },
    close: () => client.close(),
  };
}

/** A PGlite with the extensions the migrations create: pg_trgm backs the search box's indexes (0017). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const client = new PGlite({ ...options, extensions: { pg_trgm } });
  await client.waitReady;
  // PGlite is one session for the life of the process and nothing ever analyzes it (no
  // autovacuum), so a plan it caches stays as it was made. A foreign key's check is such a plan:
  // made while contacts was a few rows it scans the whole table, and once the table grows every
  // new conversation reads all of it (a 12,000-row import went from 3 s to 18 s, 100,000 never
  // ended). Planned afresh each time, the check uses its index; planning costs microseconds.
  await client.exec("set plan_cache_mode = force_custom_plan");
  return client;
}

export async function migrate(conn: Connection): Promise<void> {
  await conn.migrate();
}

/** Rows of a raw query, whichever driver ran it (PGlite answers `{ rows }`, postgres.js an array). */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

const dialect = new PgDialect();
type PreparingClient = { unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> };

/**
 * queryRows for a hot statement whose text never changes (only its parameters): on PostgreSQL
 * it is prepared once per pooled connection and its plan reused, where drizzle's execute has the
 * server parse and plan it every time (≈ 0.9 ms for a webhook message's statement). PGlite, and
 * a transaction's connection, run it as queryRows does.
 */
export async function preparedRows<T>(db: Database, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client?: Partial<PreparingClient> }).$client;
  if (typeof client?.unsafe !== "function") return queryRows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await (client as PreparingClient).unsafe(text, params, { prepare: true })) as T[];
}

const globalForDb = globalThis as unknown as { turnoConnection?: Promise<Connection> };

/** The app's shared connection, opened (and migrated) on first use. */
export function getConnection(): Promise<Connection> {
  globalForDb.turnoConnection ??= connect().catch((error) => {
    globalForDb.turnoConnection = undefined;
    throw error;
  });
  return globalForDb.turnoConnection;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}
