import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AUDIT_CSV_COLUMNS, auditCsvStream, csvField, type AuditCsvColumn } from "@/lib/audit/csv";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";
import { parseCsv } from "@/tests/support/csv";

const conn = useTestDb();

const HEADERS = Object.fromEntries(AUDIT_CSV_COLUMNS.map((c) => [c, c.toUpperCase()])) as Record<AuditCsvColumn, string>;

const { actorOf } = conn;

async function readAll(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks).toString("utf8");
}

describe("CSV fields", () => {
  it("quotes per RFC 4180 and neutralises formulas", () => {
    expect(csvField("simple")).toBe("simple");
    expect(csvField('dijo "hola", y se fue')).toBe('"dijo ""hola"", y se fue"');
    expect(csvField("línea 1\nlínea 2")).toBe('"línea 1\nlínea 2"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvField(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvField('=HYPERLINK("http://x","clic")')).toBe(`"'=HYPERLINK(""http://x"",""clic"")"`);
  });
});

describe("audit CSV export", () => {
  it("streams the filtered closed conversations with a BOM, quoting and the formula guard", async () => {
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin", name: "Laura, la admin" });
    const support = await createUser(conn.db, account.id, { role: "support" });
    const c = await createConversation(conn.db, account.id, { ownerId: admin.id, status: "closed", contactName: '=cmd|"/c calc"!A1' });
    await createConversation(conn.db, account.id, { ownerId: admin.id });
    await conn.db.execute(sql`update conversations set close_reason = ${'Dijo "no", luego\nllamó'} where id = ${c.id}`);
    const result = auditCsvStream(conn.db, await actorOf(support.id), {}, HEADERS);
    if (!result.ok) throw new Error(result.error);
    const text = await readAll(result.stream);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, row, ...rest] = parseCsv(text.slice(1));
    expect(header).toEqual(AUDIT_CSV_COLUMNS.map((col) => col.toUpperCase()));
    expect(rest).toEqual([]);
    expect(row![0]).toBe(c.id);
    expect(row![1]).toBe(`'=cmd|"/c calc"!A1`);
    expect(row![2]).toMatch(/^'\+57\d+$/);
    expect(row![4]).toBe("Laura, la admin");
    expect(row![5]).toBe('Dijo "no", luego\nllamó');
  });

  it("is refused to sellers, editors and plans without the inbox", async () => {
    const account = await createAccount(conn.db);
    const basic = await createAccount(conn.db, { plan: "basic", addons: [] });
    for (const [accountId, role, error] of [
      [account.id, "seller", "forbidden"],
      [account.id, "editor", "forbidden"],
      [basic.id, "support", "plan_required"],
    ] as const) {
      const user = await createUser(conn.db, accountId, { role });
      expect(auditCsvStream(conn.db, await actorOf(user.id), {}, HEADERS)).toEqual({ ok: false, error });
    }
  });

  it("exports 100,000 rows in bounded batches without holding the file in memory", { timeout: 300_000 }, async () => {
    const account = await createAccount(conn.db);
    const other = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin", name: "Cerrador" });
    const otherAdmin = await createUser(conn.db, other.id, { role: "admin" });
    const total = 100_000;
    const reason = `Motivo largo ${"x".repeat(400)}`;
    for (const [accountId, userId, n] of [[account.id, admin.id, total], [other.id, otherAdmin.id, 50]] as const) {
      await conn.db.execute(sql`
        with contact_rows as (
          insert into contacts (account_id, name, phone, wa_id)
          select ${accountId}, '=Contacto ' || g, '+57' || (3000000000 + g), (573000000000 + g)::text
          from generate_series(1, ${n}::int) g
          returning id, name
        )
        insert into conversations (account_id, contact_id, owner_id, status, closed_at, closed_by_id, close_reason)
        select ${accountId}, id, ${userId}::uuid, 'closed', now() - (random() * interval '300 days'), ${userId}::uuid,
          ${reason} || ', "' || name || '"'
        from contact_rows`);
    }

    // Count the batches read from the database, to see that reading follows the client's pace.
    let batches = 0;
    const countingDb = new Proxy(conn.db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== "select" || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          batches++;
          return value.apply(target, args);
        };
      },
    });
    const result = auditCsvStream(countingDb, await actorOf(admin.id), {}, HEADERS, 2_000);
    if (!result.ok) throw new Error(result.error);
    const reader = result.stream.getReader();
    let bytes = 0;
    let lines = 0;
    let largestChunk = 0;
    let guarded = 0;
    let chunks = 0;
    let tail = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      // Never more than one batch ahead of what the client has read.
      expect(batches).toBeLessThanOrEqual(chunks);
      bytes += value.length;
      largestChunk = Math.max(largestChunk, value.length);
      const text = tail + Buffer.from(value).toString("utf8");
      const parts = text.split("\r\n");
      tail = parts.pop()!;
      lines += parts.length;
      guarded += parts.filter((line) => /^[0-9a-f-]{36},'=Contacto \d+,'\+57\d+,/.test(line)).length;
    }
    expect(tail).toBe("");
    expect(lines).toBe(total + 1);
    expect(guarded).toBe(total);
    expect(batches).toBe(total / 2_000);
    // About 45 MB leave in chunks of one batch each (about 1 MB), never as one buffer.
    expect(bytes).toBeGreaterThan(40_000_000);
    expect(largestChunk).toBeLessThan(bytes / 40);
  });
});
