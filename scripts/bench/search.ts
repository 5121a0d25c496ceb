// The search box at a million conversations (#13): a name fragment (accents folded), a phone
// fragment, the first page of the list as the inbox loads it, and the "Todas" count under a search.
import { sql } from "drizzle-orm";
import { queryRows, type Connection } from "@/db/client";
import { loadActor, type Actor } from "@/lib/access/actor";
import { resolveFilters } from "@/lib/inbox/filters";
import { listConversations } from "@/lib/inbox/list-conversations";
import { countMatching } from "@/lib/inbox/selection";
import { figureLine, openBenchDatabase, type Engine } from "@/scripts/bench/database";
import { SURNAMES } from "@/scripts/seed/content";

const RUNS = 50;
const FIRST_NAMES = [
  "José", "María", "Andrés", "Sofía", "Martín", "Lucía", "Sebastián", "Valentina", "Nicolás", "Camila",
  "Julián", "Mónica", "Ramón", "Inés", "Óscar", "Ángela", "Héctor", "Verónica", "Iván", "Natalia",
  "Jesús", "Beatriz", "Tomás", "Daniela", "Joaquín", "Paola", "Germán", "Carolina", "Rubén", "Adriana",
  "Simón", "Luisa", "Efraín", "Juliana", "Matías", "Liliana", "Hernán", "Catalina", "Álvaro", "Mariana",
];

type Say = (line: string) => void;
const fmt = (n: number) => n.toLocaleString("es-CO");

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const textArray = (items: readonly string[]) => sql`${`{${items.map((s) => `"${s}"`).join(",")}}`}::text[]`;

/**
 * One account of `size` conversations, one contact each, in a few set-based statements: names of
 * a first name and one or two surnames, Colombian mobile numbers unique by construction (g times
 * a number prime to 10⁹, modulo 10⁹, never repeats), seven in ten open.
 */
export async function seedOneAccount(conn: Connection, size: number): Promise<{ accountId: string; admin: string; sellers: string[]; groupId: string }> {
  const { db } = conn;
  const [account] = await queryRows<{ id: string }>(db, sql`insert into accounts (name, plan) values ('Bench búsqueda', 'pro') returning id`);
  const accountId = account!.id;
  await db.execute(sql`insert into account_addons (account_id, addon) values (${accountId}, 'whatsapp')`);
  const people = await queryRows<{ id: string; role: string }>(
    db,
    sql`insert into users (account_id, name, email, role, password_hash)
        select ${accountId}, 'Usuario ' || g, 'search' || g || '@bench.test', case when g = 0 then 'admin' else 'seller' end, 'x'
        from generate_series(0, 5) g returning id, role`,
  );
  const admin = people.find((p) => p.role === "admin")!.id;
  const sellers = people.filter((p) => p.role === "seller").map((p) => p.id);
  const batch = Math.min(size, 250_000);
  for (let from = 1; from <= size; from += batch) {
    const to = Math.min(size, from + batch - 1);
    await db.execute(sql`
      with c as (
        insert into contacts (account_id, name, phone, wa_id, owner_id)
        select ${accountId},
               f.names[1 + floor(random() * array_length(f.names, 1))::int] || ' ' ||
               s.names[1 + floor(random() * array_length(s.names, 1))::int] ||
               case when random() < 0.7 then ' ' || s.names[1 + floor(random() * array_length(s.names, 1))::int] else '' end,
               '+' || n.digits, n.digits, case when g % 10 <> 0 then (${sql.raw(`'{${sellers.join(",")}}'`)}::uuid[])[1 + g % 5] end
        from generate_series(${from}::int, ${to}::int) g
        cross join (select ${textArray(FIRST_NAMES)} as names) f
        cross join (select ${textArray(SURNAMES)} as names) s
        cross join lateral (select '573' || lpad(((g::bigint * 7368787) % 1000000000)::text, 9, '0') as digits) n
        returning id, owner_id
      )
      insert into conversations (account_id, contact_id, owner_id, status, closed_at, closed_by_id, close_reason,
                                 last_message_at, last_inbound_at, last_message_preview, unread)
      select ${accountId}, c.id, c.owner_id, case when closed then 'closed' else 'open' end,
             case when closed then now() end, case when closed then ${admin}::uuid end, case when closed then 'Resuelto' end,
             now() - random() * interval '90 days', now() - random() * interval '90 days', 'Hola, quería saber…', random() < 0.2
      -- random() in the select list, once a row: an uncorrelated lateral would be drawn once for all.
      from (select c.*, random() < 0.3 as closed from c) c`);
    process.stdout.write(`\r  conversaciones sembradas: ${fmt(to)}/${fmt(size)}`);
  }
  process.stdout.write("\n");
  const [group] = await queryRows<{ id: string }>(db, sql`insert into groups (account_id, name) values (${accountId}, 'Equipo norte') returning id`);
  await db.execute(sql`insert into group_members (account_id, group_id, user_id)
    select ${accountId}, ${group!.id}, u from unnest(${sql.raw(`'{${sellers.slice(0, 2).join(",")}}'`)}::uuid[]) u`);
  await db.execute(sql`vacuum analyze`);
  return { accountId, admin, sellers, groupId: group!.id };
}

/** Search texts drawn from the data itself, so each run looks for something that is there. */
async function searches(conn: Connection, accountId: string) {
  const sample = await queryRows<{ name: string; phone: string }>(
    conn.db,
    sql`select name, phone from contacts where account_id = ${accountId} order by random() limit ${RUNS}`,
  );
  const stripAccents = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return {
    // "Ramírez" typed as "amire" or "AMÍRE": a surname fragment, about one contact in forty.
    "fragmento de apellido": sample.map(({ name }, i) => {
      const surname = name.split(" ")[1]!;
      const fragment = surname.slice(1, Math.max(5, surname.length - 1));
      return i % 2 === 0 ? stripAccents(fragment).toLowerCase() : fragment.toUpperCase();
    }),
    // "jose ramir" for "José Ramírez…": a first name and the start of a surname, a few hundred contacts.
    "nombre y comienzo de apellido": sample.map(({ name }, i) => {
      const [first, surname] = name.split(" ") as [string, string];
      const text = `${first} ${surname.slice(0, 5)}`;
      return i % 2 === 0 ? stripAccents(text).toLowerCase() : text;
    }),
    // Five digits from the middle of the number, as someone who remembers part of it types them.
    "cinco cifras del teléfono": sample.map(({ phone }) => phone.slice(6, 11)),
  };
}

async function timeRuns(texts: string[], work: (q: string) => Promise<unknown>) {
  await work(texts[0]!);
  const runs: { q: string; ms: number }[] = [];
  for (const q of texts) {
    const started = performance.now();
    await work(q);
    runs.push({ q, ms: performance.now() - started });
  }
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const slowest = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), slowest };
}

type Timing = Awaited<ReturnType<typeof timeRuns>>;
const show = (t: Timing) => `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (la más lenta: "${t.slowest.q}", ${t.slowest.ms.toFixed(0)} ms)`;

export async function benchSearch({ quick, say, engine }: { quick: boolean; say: Say; engine: Engine }): Promise<void> {
  const size = quick ? 100_000 : 1_000_000;
  const figure = figureLine(engine, say);
  const { conn, cleanup } = await openBenchDatabase(engine, "turno_bench_search");
  try {
    say(`(search) búsqueda en una cuenta de ${fmt(size)} conversaciones — ${conn.engine === "postgres" ? "PostgreSQL" : "PGlite"}`);
    const started = performance.now();
    const { accountId, admin, sellers, groupId } = await seedOneAccount(conn, size);
    say(`  sembrado: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const actor: Actor = (await loadActor(conn.db, admin))!;
    const texts = await searches(conn, accountId);
    const list = (q: string) => listConversations(conn.db, actor, resolveFilters({ q }, actor.role));
    const count = (q: string) => countMatching(conn.db, actor, { q });

    const results: { list: Timing; count: Timing }[] = [];
    for (const [kind, qs] of Object.entries(texts)) {
      const matches = (await count(qs[0]!)).count;
      const r = { list: await timeRuns(qs, list), count: await timeRuns(qs, count) };
      results.push(r);
      say(`  ${kind} — p.ej. "${qs[0]}" (${fmt(matches)} abiertas coinciden), ${RUNS} búsquedas distintas`);
      say(`    lista (primera página): ${show(r.list)}`);
      say(`    "Todas" (conteo):       ${show(r.count)}`);
    }
    const listP95 = await benchListCases(conn, actor, (await loadActor(conn.db, sellers[0]!))!, { owner: sellers[1]!, groupId }, say);
    const searchP95 = Math.max(...results.map((r) => r.list.p95));
    const countP95 = Math.max(...results.map((r) => r.count.p95));
    say(`  carga de la máquina (/proc/loadavg): ${(await loadAverage()) ?? "n/d"}`);
    say(`  objetivo: lista ≤ 20 ms p95, "Todas" ≤ 50 ms p95 (a 1.000.000)`);
    figure("list_p95_ms", listP95.toFixed(1));
    figure("search_p95_ms", searchP95.toFixed(1));
    figure("count_search_p95_ms", countP95.toFixed(1));
  } finally {
    await cleanup();
  }
}

/** Every list the inbox shows without a search, first page (and the 20th), as its loader runs it. */
async function benchListCases(
  conn: Connection,
  admin: Actor,
  seller: Actor,
  ids: { owner: string; groupId: string },
  say: Say,
): Promise<number> {
  const list = (actor: Actor, params: Record<string, string>) =>
    listConversations(conn.db, actor, resolveFilters(params, actor.role), params.cursor);
  // The cursor of page 20 of "Abiertas", as someone scrolling that far would hold it.
  let cursor: string | undefined;
  for (let page = 1; page < 20; page++) cursor = (await list(admin, cursor ? { cursor } : {})).nextCursor ?? undefined;
  const cases: [string, Actor, Record<string, string>][] = [
    ["Abiertas", admin, {}],
    ["No asignadas", admin, { owner: "unassigned" }],
    ["una persona", admin, { owner: ids.owner }],
    ["Solo no leídas", admin, { unread: "1" }],
    ["un grupo", admin, { group: ids.groupId }],
    ["Todas (abiertas y cerradas)", admin, { status: "all" }],
    ["Mías de un vendedor", seller, {}],
    ["página 20 de Abiertas", admin, { cursor: cursor! }],
  ];
  let worst = 0;
  say(`  lista sin búsqueda, ${RUNS} cargas de cada una:`);
  for (const [name, actor, params] of cases) {
    const t = await timeRuns(Array(RUNS).fill(""), () => list(actor, params));
    worst = Math.max(worst, t.p95);
    say(`    ${name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
  }
  say(`    objetivo: ≤ 20 ms p95 cada una`);
  return worst;
}

async function loadAverage(): Promise<string | null> {
  const { readFile } = await import("node:fs/promises");
  return readFile("/proc/loadavg", "utf8").then((s) => s.trim(), () => null);
}
