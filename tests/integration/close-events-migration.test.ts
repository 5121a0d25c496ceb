import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openPglite, queryRows, type Database } from "@/db/client";
import * as schema from "@/db/schema";

// An install from before close events were kept (migration 0014) upgrades with its closes
// recovered from history: the audit of an existing account does not start empty. Always on an
// embedded database of its own: it needs a schema stopped half-way.
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function migrationsUpTo(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "turno-migrations-"));
  folders.push(folder);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag) + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe("upgrading to close events", () => {
  it("recovers every past close from history, with when it reopened, and the closes of rows loaded closed", async () => {
    const client = await openPglite();
    const db = drizzle({ client, schema }) as unknown as Database;
    await migrate(db as never, { migrationsFolder: migrationsUpTo("0013_password_failures") });
    const [{ account }] = await queryRows<{ account: string }>(db, sql`insert into accounts (name, plan) values ('Antes', 'pro') returning id as account`) as [{ account: string }];
    const [closer, handOver] = await queryRows<{ id: string }>(
      db,
      sql`insert into users (account_id, name, email, role, password_hash) values
            (${account}, 'Cerradora', 'cerradora@antes.test', 'admin', 'x'), (${account}, 'Relevo', 'relevo@antes.test', 'seller', 'x')
          returning id`,
    );
    const [contactA, contactB] = await queryRows<{ id: string }>(
      db,
      sql`insert into contacts (account_id, name, phone, wa_id) values (${account}, 'Ana', '+573001110001', '573001110001'), (${account}, 'Bruno', '+573001110002', '573001110002') returning id`,
    );
    // Ana's conversation: closed with a hand-over, reopened by the customer, closed again (still closed).
    const [reopened] = await queryRows<{ id: string }>(
      db,
      sql`insert into conversations (account_id, contact_id, owner_id, status, closed_at, closed_by_id, close_reason)
          values (${account}, ${contactA!.id}, ${closer!.id}, 'closed', '2024-02-01T10:00:00Z', ${closer!.id}, 'Segundo cierre') returning id`,
    );
    await db.execute(sql`insert into history_entries (account_id, conversation_id, actor_id, kind, data, created_at) values
      (${account}, ${reopened!.id}, ${closer!.id}, 'conversation.closed',
        ${JSON.stringify({ reason: "Primer cierre", handOverTo: handOver!.id, from: null, to: handOver!.id })}::json, '2024-01-01T10:00:00Z'),
      (${account}, ${reopened!.id}, null, 'conversation.reopened', '{"by":"customer"}'::json, '2024-01-15T10:00:00Z'),
      (${account}, ${reopened!.id}, ${closer!.id}, 'conversation.closed',
        ${JSON.stringify({ reason: "Segundo cierre", handOverTo: null, from: handOver!.id, to: closer!.id })}::json, '2024-02-01T10:00:00Z')`);
    // Bruno's: loaded closed, with no history at all.
    const [loaded] = await queryRows<{ id: string }>(
      db,
      sql`insert into conversations (account_id, contact_id, owner_id, status, closed_at, closed_by_id, close_reason)
          values (${account}, ${contactB!.id}, ${handOver!.id}, 'closed', '2024-03-01T10:00:00Z', ${closer!.id}, 'Cargada cerrada') returning id`,
    );

    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const closes = await queryRows<Record<string, string | null>>(
      db,
      sql`select conversation_id, reason, owner_before, owner_after, closed_at::text as closed_at, reopened_at::text as reopened_at
          from conversation_closes order by closed_at`,
    );
    expect(closes).toEqual([
      { conversation_id: reopened!.id, reason: "Primer cierre", owner_before: null, owner_after: handOver!.id, closed_at: "2024-01-01 10:00:00+00", reopened_at: "2024-01-15 10:00:00+00" },
      { conversation_id: reopened!.id, reason: "Segundo cierre", owner_before: handOver!.id, owner_after: closer!.id, closed_at: "2024-02-01 10:00:00+00", reopened_at: null },
      { conversation_id: loaded!.id, reason: "Cargada cerrada", owner_before: null, owner_after: handOver!.id, closed_at: "2024-03-01 10:00:00+00", reopened_at: null },
    ]);
    await client.close();
  });
});
