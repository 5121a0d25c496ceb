import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, queryRows, type Connection, type Database } from "@/db/client";
import { seedDemo, type SeedResult } from "@/scripts/seed/demo";
import { verifyPassword } from "@/lib/auth/password";
import { openTestDb } from "@/tests/support/db";
import { createAccount } from "@/tests/support/factories";

const NOW = new Date("2025-06-02T15:00:00.000Z");
// Times go into raw SQL as text: postgres.js refuses a Date bound to an untyped raw parameter.
const NOW_SQL = sql`${NOW.toISOString()}::timestamptz`;
const DAY_AGO_SQL = sql`${new Date(NOW.getTime() - 24 * 60 * 60 * 1000).toISOString()}::timestamptz`;
const TABLES = [
  "accounts",
  "account_addons",
  "users",
  "groups",
  "group_members",
  "contacts",
  "opportunities",
  "activities",
  "tasks",
  "conversations",
  "messages",
  "history_entries",
] as const;

/**
 * The seed looks at the whole database (it refuses when any other account exists), so each case
 * needs a database of its own: a new in-memory PGlite, or on PostgreSQL a new database made next
 * to the shared test one, which other test files fill with their accounts at the same time.
 */
// Migrating a new in-memory PGlite takes seconds, more while the rest of the suite runs beside it.
const FRESH_DB_TIMEOUT = 90_000;
const opened: { conn: Connection; dropName?: string }[] = [];
let admin: Connection | undefined;

async function openFreshDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const conn = await openTestDb();
    opened.push({ conn });
    return conn.db;
  }
  admin ??= await openTestDb();
  const name = `seed_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin.db.execute(sql.raw(`create database "${name}"`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  const conn = await connect({ url: target.toString() });
  opened.push({ conn, dropName: name });
  return conn.db;
}

afterAll(async () => {
  for (const { conn, dropName } of opened) {
    await conn.close();
    if (dropName) await admin!.db.execute(sql.raw(`drop database if exists "${dropName}" with (force)`));
  }
  await admin?.close();
});

async function one<T>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(db, query);
  return row!;
}

async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = (await one<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`)).n;
  }
  return counts;
}

/** A digest of every row of each table; password hashes differ by their random salt, so they are left out. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of TABLES) {
    const row = await one<{ digest: string }>(
      db,
      sql`select md5(coalesce(string_agg(r, '|' order by r), '')) as digest
          -- Which transaction wrote a row (changed_xid) is the database's own count, not the demo's.
          from (select (to_jsonb(t) - 'password_hash' - 'changed_xid')::text as r from ${sql.identifier(table)} t) rows`,
    );
    digests[table] = row.digest;
  }
  return digests;
}

const conversationsOf = (account: string) => sql`
  select c.*, u.email as owner_email, u.active as owner_active
  from conversations c
  join accounts a on a.id = c.account_id
  left join users u on u.id = c.owner_id
  where a.name = ${account}`;

describe("demo seed on an empty database", () => {
  let db: Database;
  let result: SeedResult;

  beforeAll(async () => {
    db = await openFreshDb();
    const started = performance.now();
    result = await seedDemo(db, { now: NOW });
    console.info(`seedDemo: ${Math.round(performance.now() - started)} ms`);
  }, FRESH_DB_TIMEOUT);

  it("creates Demo Pro on plan Pro with the WhatsApp add-on, and Demo Básico on Basic without it", async () => {
    expect(result).toMatchObject({ seeded: true, accounts: ["Demo Pro", "Demo Básico"] });
    const rows = await queryRows<{ name: string; plan: string; addons: string[] }>(
      db,
      sql`select a.name, a.plan, coalesce(array_agg(x.addon) filter (where x.addon is not null), '{}') as addons
          from accounts a left join account_addons x on x.account_id = a.id group by a.id order by a.name`,
    );
    expect(rows).toEqual([
      { name: "Demo Básico", plan: "basic", addons: [] },
      { name: "Demo Pro", plan: "pro", addons: ["whatsapp"] },
    ]);
  });

  it("gives Demo Pro a user of every role and a deactivated seller, all signing in with turno-demo", async () => {
    const rows = await queryRows<{ email: string; role: string; active: boolean; password_hash: string }>(
      db,
      sql`select u.email, u.role, u.active, u.password_hash from users u join accounts a on a.id = u.account_id
          where a.name = 'Demo Pro' order by u.email`,
    );
    expect(rows.map(({ email, role, active }) => ({ email, role, active }))).toEqual([
      { email: "admin@demo-pro.test", role: "admin", active: true },
      { email: "editor@demo-pro.test", role: "editor", active: true },
      { email: "inactivo@demo-pro.test", role: "seller", active: false },
      { email: "soporte@demo-pro.test", role: "support", active: true },
      { email: "vendedor1@demo-pro.test", role: "seller", active: true },
      { email: "vendedor2@demo-pro.test", role: "seller", active: true },
      { email: "vendedor3@demo-pro.test", role: "seller", active: true },
    ]);
    const adminHash = rows.find((u) => u.email === "admin@demo-pro.test")!.password_hash;
    expect(await verifyPassword("turno-demo", adminHash)).toBe(true);
    expect(await verifyPassword("otra-clave", adminHash)).toBe(false);
    const basico = await queryRows<{ email: string; role: string }>(
      db,
      sql`select email, role from users where email like '%@demo-basico.test' order by email`,
    );
    expect(basico).toContainEqual({ email: "admin@demo-basico.test", role: "admin" });
  });

  it("puts the three active sellers in Vendedores and two of them in Equipo Norte", async () => {
    const rows = await queryRows<{ name: string; members: string[] }>(
      db,
      sql`select g.name, array_agg(u.email order by u.email) as members
          from groups g join group_members m on m.group_id = g.id join users u on u.id = m.user_id
          group by g.name order by g.name`,
    );
    expect(rows).toEqual([
      { name: "Equipo Norte", members: ["vendedor1@demo-pro.test", "vendedor2@demo-pro.test"] },
      {
        name: "Vendedores",
        members: ["vendedor1@demo-pro.test", "vendedor2@demo-pro.test", "vendedor3@demo-pro.test"],
      },
    ]);
  });

  it("fills Demo Pro's CRM: hundreds of contacts with unique WhatsApp numbers, some without owner, with deals and work items", async () => {
    const c = await one<{ contacts: number; wa_ids: number; no_owner: number; deals: number; won: number; lost: number; activities: number; tasks: number }>(
      db,
      sql`select count(*)::int as contacts, count(distinct k.wa_id)::int as wa_ids,
            count(*) filter (where k.owner_id is null)::int as no_owner,
            (select count(*)::int from opportunities o where o.account_id = a.id) as deals,
            (select count(*)::int from opportunities o where o.account_id = a.id and o.status = 'won') as won,
            (select count(*)::int from opportunities o where o.account_id = a.id and o.status = 'lost') as lost,
            (select count(*)::int from activities x where x.account_id = a.id) as activities,
            (select count(*)::int from tasks x where x.account_id = a.id) as tasks
          from contacts k join accounts a on a.id = k.account_id where a.name = 'Demo Pro' group by a.id`,
    );
    expect(c.contacts).toBeGreaterThanOrEqual(300);
    expect(c.wa_ids).toBe(c.contacts);
    expect(c.no_owner / c.contacts).toBeGreaterThan(0.08);
    expect(c.no_owner / c.contacts).toBeLessThan(0.25);
    expect(c.deals).toBeGreaterThan(c.contacts / 2);
    expect(c.won).toBeGreaterThan(0);
    expect(c.lost).toBeGreaterThan(0);
    expect(c.activities).toBeGreaterThan(0);
    expect(c.tasks).toBeGreaterThan(0);
  });

  it("spreads Demo Pro's 400 conversations: unassigned, open and closed per seller, a deactivated owner, open windows", async () => {
    const s = await one<{
      total: number;
      unassigned: number;
      closed: number;
      deactivated_open: number;
      window_open: number;
      window_open_closed: number;
      unread: number;
    }>(
      db,
      sql`select count(*)::int as total,
            count(*) filter (where owner_id is null)::int as unassigned,
            count(*) filter (where status = 'closed')::int as closed,
            count(*) filter (where owner_active = false and status = 'open')::int as deactivated_open,
            count(*) filter (where last_inbound_at > ${DAY_AGO_SQL})::int as window_open,
            count(*) filter (where last_inbound_at > ${DAY_AGO_SQL} and status = 'closed')::int as window_open_closed,
            count(*) filter (where unread)::int as unread
          from (${conversationsOf("Demo Pro")}) c`,
    );
    expect(s.total).toBeGreaterThanOrEqual(400);
    expect(s.unassigned / s.total).toBeGreaterThan(0.15);
    expect(s.unassigned / s.total).toBeLessThan(0.35);
    expect(s.closed / s.total).toBeGreaterThan(0.2);
    expect(s.closed / s.total).toBeLessThan(0.4);
    expect(s.deactivated_open).toBeGreaterThan(0);
    expect(s.window_open).toBeGreaterThanOrEqual(40);
    expect(s.window_open_closed).toBeGreaterThan(0);
    expect(s.unread / s.total).toBeGreaterThan(0.15);
    expect(s.unread / s.total).toBeLessThan(0.45);

    const perSeller = await queryRows<{ owner_email: string; open: number; closed: number }>(
      db,
      sql`select owner_email, count(*) filter (where status = 'open')::int as open,
            count(*) filter (where status = 'closed')::int as closed
          from (${conversationsOf("Demo Pro")}) c where owner_email like 'vendedor%' group by owner_email order by owner_email`,
    );
    expect(perSeller.map((row) => row.owner_email)).toEqual([
      "vendedor1@demo-pro.test",
      "vendedor2@demo-pro.test",
      "vendedor3@demo-pro.test",
    ]);
    for (const row of perSeller) {
      expect(row.open).toBeGreaterThanOrEqual(10);
      expect(row.closed).toBeGreaterThanOrEqual(10);
    }
  });

  it("keeps every conversation's summary in step with its messages", async () => {
    const mismatches = await queryRows<{ id: string }>(
      db,
      sql`select c.id from conversations c
          cross join lateral (
            select max(m.created_at) as last_at,
                   max(m.created_at) filter (where m.direction = 'inbound') as last_inbound_at,
                   (array_agg(m.body order by m.created_at desc))[1] as last_body,
                   (array_agg(m.direction order by m.created_at desc))[1] as last_direction,
                   count(*) as n
            from messages m where m.conversation_id = c.id) m
          where m.n < 1
             or c.last_message_at <> m.last_at
             or c.last_inbound_at is distinct from m.last_inbound_at
             or c.last_message_preview <> left(m.last_body, 120)
             or (c.unread and m.last_direction <> 'inbound')
             or c.created_at > m.last_at
             or c.last_message_at > ${NOW_SQL}
             or (c.status = 'closed' and c.closed_at < m.last_at)`,
    );
    expect(mismatches).toEqual([]);
    const wamids = await one<{ inbound: number; with_id: number }>(
      db,
      sql`select count(*) filter (where direction = 'inbound')::int as inbound,
            count(*) filter (where direction = 'inbound' and wa_message_id like 'wamid.demo.%')::int as with_id
          from messages`,
    );
    expect(wamids.with_id).toBe(wamids.inbound);
  });

  it("writes a timeline for assigned and closed conversations, by the admin or the owner", async () => {
    const s = await one<{ assigned_without: number; closed_without: number; closes_with_reason: number; closed: number }>(
      db,
      sql`select
            count(*) filter (where c.owner_id is not null and not exists (
              select 1 from history_entries h where h.conversation_id = c.id and h.kind = 'conversation.assigned'))::int as assigned_without,
            count(*) filter (where c.status = 'closed' and not exists (
              select 1 from history_entries h where h.conversation_id = c.id and h.kind = 'conversation.closed'))::int as closed_without,
            count(*) filter (where c.status = 'closed' and exists (
              select 1 from history_entries h where h.conversation_id = c.id and h.kind = 'conversation.closed'
                and h.data->>'reason' = c.close_reason and h.actor_id = c.closed_by_id))::int as closes_with_reason,
            count(*) filter (where c.status = 'closed')::int as closed
          from conversations c`,
    );
    expect(s.assigned_without).toBe(0);
    expect(s.closed_without).toBe(0);
    expect(s.closes_with_reason).toBe(s.closed);
  });

  it("changes nothing when run again", async () => {
    const before = await tableCounts(db);
    expect(await seedDemo(db, { now: new Date() })).toEqual({ seeded: false, reason: "already" });
    expect(await tableCounts(db)).toEqual(before);
  });

  it("builds the same rows, ids included, on another empty database with the same clock", async () => {
    const other = await openFreshDb();
    await seedDemo(other, { now: NOW });
    expect(await fingerprint(other)).toEqual(await fingerprint(db));
  }, FRESH_DB_TIMEOUT);
});

describe("demo seed on a database in use", () => {
  it("refuses with a clear message and inserts nothing when a non-demo account exists", async () => {
    const db = await openFreshDb();
    await createAccount(db, { name: "Ferretería Real" });
    await expect(seedDemo(db, { now: NOW })).rejects.toThrow(/1 cuenta que no es de la demo/);
    expect(await tableCounts(db)).toMatchObject({ accounts: 1, users: 0, contacts: 0, conversations: 0, messages: 0 });
  }, FRESH_DB_TIMEOUT);

  it("loads only the missing demo account when the other one is already there", async () => {
    const db = await openFreshDb();
    await createAccount(db, { name: "Demo Básico", plan: "basic", addons: [] });
    const result = await seedDemo(db, { now: NOW });
    expect(result).toMatchObject({ seeded: true, accounts: ["Demo Pro"] });
    const names = await queryRows<{ name: string }>(db, sql`select name from accounts order by name`);
    expect(names.map((row) => row.name)).toEqual(["Demo Básico", "Demo Pro"]);
  }, FRESH_DB_TIMEOUT);
});
