import { count, inArray, notInArray, sql } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { buildDemoAccount, type DemoRows } from "./build";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

export const DEMO_ACCOUNT_NAMES: readonly string[] = DEMO_ACCOUNTS.map((spec) => spec.name);

export interface SeedCounts {
  accounts: number;
  users: number;
  groups: number;
  contacts: number;
  opportunities: number;
  activities: number;
  tasks: number;
  conversations: number;
  messages: number;
  historyEntries: number;
}

export type SeedResult = { seeded: true; accounts: string[]; counts: SeedCounts } | { seeded: false; reason: "already" };

/** The demo would mix with real tenants' data, so it is refused rather than added. */
export class DemoSeedRefused extends Error {
  constructor(foreignAccounts: number) {
    super(
      `La base de datos ya tiene ${foreignAccounts} ${foreignAccounts === 1 ? "cuenta que no es" : "cuentas que no son"} de la demo: ` +
        `la demo solo se carga en una base vacía o que solo tenga las cuentas "${DEMO_ACCOUNT_NAMES.join('" y "')}". No se insertó nada.`,
    );
    this.name = "DemoSeedRefused";
  }
}

// Any fixed number shared by every instance; distinct from the migration lock in db/client.ts.
const SEED_LOCK = 727_002;
const CHUNK = 1000;

/**
 * Loads the demo accounts that are missing, all in one transaction. Demo accounts are known by
 * name; a database with any other account is refused, and one with both demos is left as it is.
 */
export async function seedDemo(db: Database, opts: { now?: Date } = {}): Promise<SeedResult> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    // Several app instances may run the seed against one server at once: one loads, the rest find it done.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [foreign] = await tx.select({ n: count() }).from(schema.accounts).where(notInArray(schema.accounts.name, [...DEMO_ACCOUNT_NAMES]));
    if (foreign!.n > 0) throw new DemoSeedRefused(foreign!.n);
    const present = await tx
      .selectDistinct({ name: schema.accounts.name })
      .from(schema.accounts)
      .where(inArray(schema.accounts.name, [...DEMO_ACCOUNT_NAMES]));
    const missing = DEMO_ACCOUNTS.filter((spec) => !present.some((row) => row.name === spec.name));
    if (missing.length === 0) return { seeded: false, reason: "already" };

    // bcrypt is slow on purpose: one hash serves every demo user.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const counts = emptyCounts();
    for (const spec of missing) {
      const rows = buildDemoAccount(spec, { now, passwordHash });
      await insertDemoRows(tx, rows);
      if (spec.whatsapp) await tx.insert(schema.whatsappChannels).values({ accountId: rows.account.id!, ...spec.whatsapp });
      addCounts(counts, rows);
    }
    return { seeded: true, accounts: missing.map((spec) => spec.name), counts };
  });
}

async function insertDemoRows(tx: Database, rows: DemoRows): Promise<void> {
  await insertChunked(tx, schema.accounts, [rows.account]);
  await insertChunked(tx, schema.accountAddons, rows.addons);
  await insertChunked(tx, schema.users, rows.users);
  await insertChunked(tx, schema.groups, rows.groups);
  await insertChunked(tx, schema.groupMembers, rows.groupMembers);
  await insertChunked(tx, schema.contacts, rows.contacts);
  await insertChunked(tx, schema.opportunities, rows.opportunities);
  await insertChunked(tx, schema.activities, rows.activities);
  await insertChunked(tx, schema.tasks, rows.tasks);
  await insertChunked(tx, schema.conversations, rows.conversations);
  await insertChunked(tx, schema.messages, rows.messages);
  await insertChunked(tx, schema.historyEntries, rows.history);
}

// Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
async function insertChunked<T extends PgTable>(tx: Database, table: T, values: PgInsertValue<T>[]): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK) {
    await tx.insert(table).values(values.slice(i, i + CHUNK));
  }
}

function emptyCounts(): SeedCounts {
  return {
    accounts: 0,
    users: 0,
    groups: 0,
    contacts: 0,
    opportunities: 0,
    activities: 0,
    tasks: 0,
    conversations: 0,
    messages: 0,
    historyEntries: 0,
  };
}

function addCounts(counts: SeedCounts, rows: DemoRows): void {
  counts.accounts += 1;
  counts.users += rows.users.length;
  counts.groups += rows.groups.length;
  counts.contacts += rows.contacts.length;
  counts.opportunities += rows.opportunities.length;
  counts.activities += rows.activities.length;
  counts.tasks += rows.tasks.length;
  counts.conversations += rows.conversations.length;
  counts.messages += rows.messages.length;
  counts.historyEntries += rows.history.length;
}
