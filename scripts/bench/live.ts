// The live inbox under load (issue #12): SSE streams of signed-in admins and sellers of several
// accounts spread over two `next start` instances on one fresh PostgreSQL database, while changes
// commit at a steady rate. Measures commit → arrival on every screen that may see the change,
// memory per open stream on the servers, what never arrived and what reached the wrong person.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { connect, queryRows, type Connection } from "@/db/client";
import { CHANGES_CHANNEL } from "@/lib/live/events";
import {
  ensureBuild,
  loadAverage,
  machineBusySeconds,
  sampleGroup,
  samplePostgres,
  sampleProcess,
  startAppServer,
  type AppServer,
  type ProcessSample,
} from "./app-server";
import { openStream, type Stream } from "./sse";

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORTS = [3511, 3512];
const COOKIE = "authjs.session-token";
const PEOPLE_PER_ACCOUNT = 50;
const ADMINS_PER_ACCOUNT = 5;
// Enough that no conversation changes twice in a run: every arrival then names exactly one commit.
const CONVERSATIONS_PER_ACCOUNT = 400;
const EVENTS_PER_SECOND = 100;
const OPENING_AT_ONCE = 50;
// An arrival later than this after its commit is counted late; one that never comes, lost.
const LATE_MS = 5_000;
const QUIET_MS = 5_000;
const WAIT_CAP_MS = 120_000;

const fmt = (n: number) => n.toLocaleString("es-CO");

interface Person {
  id: string;
  accountId: string;
  role: "admin" | "seller";
}

interface Screen {
  person: Person;
  instance: number;
  stream: Stream | null;
  endedEarly: string | null;
}

interface LiveEventRecord {
  conversationId: string;
  sentAt: number;
  committedAt: number | null;
  notifiedAt: number | null;
  /** Screens that may see the conversation and have not received it yet. */
  waiting: Set<number>;
  arrivals: number[];
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Node cannot raise its own descriptor limit: below what the streams need, the part reruns under `ulimit -n`. */
function rerunWithMoreDescriptors(needed: number, quick: boolean): boolean {
  const limits = readFileSync("/proc/self/limits", "utf8");
  const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? Infinity);
  if (soft >= needed) return false;
  if (process.env.TURNO_BENCH_RAISED_NOFILE) throw new Error(`ulimit -n is ${soft}, below the ${needed} the streams need`);
  const args = [...process.execArgv, process.argv[1]!, "--only=live", ...(quick ? ["--quick"] : [])];
  const run = spawnSync("bash", ["-c", 'ulimit -n "$0" && exec "$@"', String(needed), process.execPath, ...args], {
    stdio: "inherit",
    env: { ...process.env, TURNO_BENCH_RAISED_NOFILE: "1" },
  });
  if (run.status !== 0) throw new Error(`the live part under ulimit -n ${needed} failed (${run.status ?? run.signal})`);
  return true;
}

/** Accounts on Pro with WhatsApp, each with admins and sellers; each seller owns some conversations, some are unassigned. */
async function seed(conn: Connection, accounts: number) {
  const { db } = conn;
  await db.execute(sql`insert into accounts (name, plan) select 'Bench live ' || g, 'pro' from generate_series(1, ${accounts}) g`);
  await db.execute(sql`insert into account_addons (account_id, addon) select id, 'whatsapp' from accounts`);
  await db.execute(sql`
    insert into users (account_id, name, email, role, password_hash)
    select a.id, 'Persona ' || m, 'p' || m || '.' || a.id || '@bench.test',
           case when m < ${ADMINS_PER_ACCOUNT} then 'admin' else 'seller' end, 'x'
    from accounts a cross join generate_series(0, ${PEOPLE_PER_ACCOUNT - 1}) m`);
  // Conversation k belongs to person k mod PEOPLE_PER_ACCOUNT when that person is a seller, else to nobody.
  await db.execute(sql`
    insert into contacts (account_id, name, phone, wa_id, owner_id)
    select a.id, 'Cliente ' || k, '+57' || (3000000000 + k), '57' || (3000000000 + k), u.id
    from accounts a cross join generate_series(0, ${CONVERSATIONS_PER_ACCOUNT - 1}) k
    left join users u on u.email = 'p' || (k % ${PEOPLE_PER_ACCOUNT}) || '.' || a.id || '@bench.test' and u.role = 'seller'`);
  await db.execute(sql`
    insert into conversations (account_id, contact_id, owner_id, unread, last_message_preview)
    select account_id, id, owner_id, false, 'Hola' from contacts`);
  await db.execute(sql`vacuum analyze`);
  const people = await queryRows<{ id: string; account_id: string; role: Person["role"] }>(
    db,
    sql`select id, account_id, role from users order by account_id, role, id`,
  );
  const conversations = await queryRows<{ id: string; account_id: string; owner_id: string | null }>(
    db,
    sql`select id, account_id, owner_id from conversations`,
  );
  return {
    people: people.map((p) => ({ id: p.id, accountId: p.account_id, role: p.role })),
    conversations: conversations.map((c) => ({ id: c.id, accountId: c.account_id, ownerId: c.owner_id })),
  };
}

/** An unread mark as the inbox writes it: the conversation and its history entry in one statement, which the trigger publishes. */
const markUnread = (conn: Connection, conversationId: string) =>
  conn.db.execute(sql`
    with touched as (
      update conversations set unread = true, version = version + 1
      where id = ${conversationId} returning account_id, id
    )
    insert into history_entries (account_id, conversation_id, kind, data)
    select account_id, id, 'conversation.marked_unread', '{}'::json from touched`);

/** A session cookie as sign-in issues it, minted with the instances' secret. */
async function sessionCookie(person: Person, secret: string): Promise<string> {
  const token = await encode({
    token: { sid: randomUUID(), uid: person.id, accountId: person.accountId, role: person.role, sat: new Date().toISOString() },
    secret,
    salt: COOKIE,
    maxAge: 12 * 60 * 60,
  });
  return `${COOKIE}=${token}`;
}

const rssOf = (samples: ProcessSample[]) => samples.reduce((kb, s) => kb + s.rssKb, 0);

export async function benchLive({ quick, say }: { quick: boolean; say: (line: string) => void }): Promise<void> {
  const accounts = quick ? 2 : 20;
  const seconds = quick ? 3 : 30;
  const screensWanted = accounts * PEOPLE_PER_ACCOUNT;
  if (rerunWithMoreDescriptors(screensWanted + 512, quick)) return;

  say(`(live) ${fmt(screensWanted)} conexiones SSE en 2 instancias, ${accounts} cuentas (${ADMINS_PER_ACCOUNT} admins y ${PEOPLE_PER_ACCOUNT - ADMINS_PER_ACCOUNT} vendedores cada una), ${EVENTS_PER_SECOND} eventos/s durante ${seconds} s`);
  await ensureBuild(say);

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error) => console.error("limpieza:", error));
  };
  // The servers run in process groups of their own, so an interrupted bench must still stop them
  // and drop its database: a first signal ends the run at its next wait, a second one right away.
  const interrupt = new AbortController();
  const sleep = (ms: number) => delay(ms, undefined, { signal: interrupt.signal });
  const onSignal = () => {
    if (!interrupt.signal.aborted) return interrupt.abort(new Error("interrumpido"));
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const name = `turno_bench_live_${process.pid}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    });
    const databaseUrl = new URL(ADMIN_URL);
    databaseUrl.pathname = `/${name}`;
    const conn = await connect({ url: databaseUrl.toString(), poolSize: 8 });
    cleanups.push(() => conn.close());

    let started = performance.now();
    const data = await seed(conn, accounts);
    say(`  ${fmt(data.people.length)} personas y ${fmt(data.conversations.length)} conversaciones sembradas en ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const secret = randomBytes(32).toString("base64url");
    const env = { DATABASE_URL: databaseUrl.toString(), AUTH_SECRET: secret };
    const servers: AppServer[] = [];
    for (const [i, port] of PORTS.entries()) {
      // One automations worker is enough, as in a deployment that runs it on one instance.
      const server = await startAppServer(port, i === 0 ? env : { ...env, TURNO_WORKER: "off" }, interrupt.signal);
      servers.push(server);
      cleanups.push(() => server.stop());
    }

    const screens: Screen[] = data.people.map((person, i) => ({ person, instance: i % 2, stream: null, endedEarly: null }));
    const screenOf = new Map(screens.map((s, i) => [s.person.id, i]));
    const adminsOf = new Map<string, number[]>();
    for (const [i, s] of screens.entries()) {
      if (s.person.role === "admin") adminsOf.set(s.person.accountId, [...(adminsOf.get(s.person.accountId) ?? []), i]);
    }
    const conversationById = new Map(data.conversations.map((c) => [c.id, c]));
    const mayYouSee = (screen: Screen, conversationId: string) => {
      const c = conversationById.get(conversationId);
      return Boolean(c && c.accountId === screen.person.accountId && (screen.person.role === "admin" || c.ownerId === screen.person.id));
    };
    const pool = shuffle(data.conversations.map((c) => c.id));
    cleanups.push(async () => {
      for (const s of screens) s.stream?.close();
    });

    const events = new Map<string, LiveEventRecord>();
    const tally = { wrong: 0, duplicate: 0, unexpected: 0, refresh: 0, otherTypes: 0, arrivals: 0, lastArrival: 0 };
    const onMessage = (index: number) => (message: { data: string }, at: number) => {
      const event = JSON.parse(message.data) as { type: string; ids?: string[]; id?: string };
      const screen = screens[index]!;
      if (event.type === "refresh") return void tally.refresh++;
      // Nothing here assigns or takes away a conversation: those would only count against the rules.
      if (event.type !== "changed") {
        tally.otherTypes++;
        if (event.id && !mayYouSee(screen, event.id)) tally.wrong++;
        return;
      }
      for (const id of event.ids ?? []) {
        if (!mayYouSee(screen, id)) {
          tally.wrong++;
          continue;
        }
        const record = events.get(id);
        if (!record) tally.unexpected++;
        else if (!record.waiting.delete(index)) tally.duplicate++;
        else {
          record.arrivals.push(at);
          tally.arrivals++;
          tally.lastArrival = at;
        }
      }
    };

    // Warm both instances (route compiled in, hub listening, one delivery done) before the baseline.
    const warmId = pool.pop()!;
    const warmAdmin = screens[adminsOf.get(conversationById.get(warmId)!.accountId)![0]!]!.person;
    const warm = await Promise.all(
      servers.map(async (server) => {
        let heard = false;
        const stream = openStream(new URL("/api/live", server.url), { cookie: await sessionCookie(warmAdmin, secret) }, () => (heard = true), () => {});
        await stream.ready;
        return { stream, heard: () => heard };
      }),
    );
    await markUnread(conn, warmId);
    const warmDeadline = Date.now() + 10_000;
    while (!warm.every((w) => w.heard()) && Date.now() < warmDeadline) await sleep(20);
    if (!warm.every((w) => w.heard())) throw new Error("the warm-up change never reached both instances' streams");
    for (const w of warm) w.stream.close();
    await sleep(2_000);
    const baseline = servers.map((s) => sampleGroup(s.group));

    let failed = 0;
    let openMs = 0;
    const openScreens = async (from: number, to: number) => {
      const began = performance.now();
      for (let batch = from; batch < to; batch += OPENING_AT_ONCE) {
        interrupt.signal.throwIfAborted();
        await Promise.all(
          screens.slice(batch, Math.min(to, batch + OPENING_AT_ONCE)).map(async (screen, offset) => {
            const index = batch + offset;
            const url = new URL("/api/live", servers[screen.instance]!.url);
            screen.stream = openStream(url, { cookie: await sessionCookie(screen.person, secret) }, onMessage(index), (reason) => {
              screen.endedEarly = reason;
            });
            await screen.stream.ready.catch(() => failed++);
          }),
        );
      }
      openMs += performance.now() - began;
      await sleep(3_000);
      return { open: screens.slice(0, to).filter((s) => s.endedEarly === null).length, rss: rssOf(servers.map((s) => sampleGroup(s.group))) };
    };
    // A tenth first: what the rest add is the cost of one more stream, without the one-off costs
    // of the first ones (pool connections opened, code paths compiled, heap grown).
    const tenth = await openScreens(0, Math.ceil(screens.length / 10));
    const all = await openScreens(Math.ceil(screens.length / 10), screens.length);
    const open = all.open;
    say(`  ${fmt(open)} conexiones abiertas en ${(openMs / 1000).toFixed(1)} s${failed ? `; ${fmt(failed)} no abrieron (${screens.find((s) => s.endedEarly)?.endedEarly})` : ""}`);
    const baseKb = rssOf(baseline);
    const kbPerConnection = (all.rss - baseKb) / open;
    const kbPerLaterConnection = (all.rss - tenth.rss) / (all.open - tenth.open);

    // The bench hears the notices too: how much of the delay is PostgreSQL's before any instance acts.
    const stopListening = await conn.listen(CHANGES_CHANNEL, (payload) => {
      const at = performance.now();
      for (const id of (JSON.parse(payload) as { c: string[] | null }).c ?? []) {
        const record = events.get(id);
        if (record && record.notifiedAt === null) record.notifiedAt = at;
      }
    });
    cleanups.push(() => stopListening());

    const transactions = async () =>
      Number((await queryRows<{ n: string }>(conn.db, sql`select xact_commit as n from pg_stat_database where datname = current_database()`))[0]!.n);
    const load = { before: loadAverage(), after: "" };
    const cpuNow = () => ({
      servers: servers.map((s) => sampleGroup(s.group).cpuS),
      postgres: samplePostgres().cpuS,
      bench: sampleProcess(process.pid).cpuS,
      machine: machineBusySeconds(),
    });
    const cpuBefore = cpuNow();
    const transactionsBefore = await transactions();
    const total = EVENTS_PER_SECOND * seconds;
    const commits: Promise<unknown>[] = [];
    const failures: unknown[] = [];
    started = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * EVENTS_PER_SECOND) / 1000) + 1);
      for (; sent < due; sent++) {
        const conversationId = pool.pop()!;
        const c = conversationById.get(conversationId)!;
        const waiting = new Set(adminsOf.get(c.accountId) ?? []);
        const owner = c.ownerId ? screenOf.get(c.ownerId) : undefined;
        if (owner !== undefined) waiting.add(owner);
        for (const index of waiting) if (screens[index]!.endedEarly !== null) waiting.delete(index);
        const record: LiveEventRecord = { conversationId, sentAt: performance.now(), committedAt: null, notifiedAt: null, waiting, arrivals: [] };
        events.set(conversationId, record);
        commits.push(
          markUnread(conn, conversationId).then(
            () => (record.committedAt = performance.now()),
            (error) => failures.push(error),
          ),
        );
      }
      await sleep(2);
    }
    await Promise.all(commits);
    if (failures.length > 0) throw new Error(`${failures.length} commits failed`, { cause: failures[0] });
    const trafficMs = performance.now() - started;
    const cpuAfter = cpuNow();
    load.after = loadAverage();

    const stillWaiting = () => [...events.values()].reduce((n, r) => n + r.waiting.size, 0);
    const waitStarted = performance.now();
    while (stillWaiting() > 0 && performance.now() - Math.max(tally.lastArrival, waitStarted) < QUIET_MS && performance.now() - waitStarted < WAIT_CAP_MS) {
      await sleep(50);
    }
    const drainMs = performance.now() - waitStarted;
    const afterTraffic = servers.map((s) => sampleGroup(s.group));
    // PostgreSQL publishes its counters a moment after each transaction.
    await sleep(1_000);
    const transactionsDuring = (await transactions()) - transactionsBefore;
    const countedMs = performance.now() - started;

    const latencies: number[] = [];
    let negative = 0;
    for (const record of events.values()) {
      for (const at of record.arrivals) {
        const ms = at - record.committedAt!;
        if (ms < 0) negative++;
        latencies.push(Math.max(0, ms));
      }
    }
    latencies.sort((a, b) => a - b);
    // Whether deliveries keep up: a queue that grows shows as later commits waiting longer.
    const ordered = [...events.values()];
    const p50Of = (records: LiveEventRecord[]) =>
      percentile(records.flatMap((r) => r.arrivals.map((at) => at - r.committedAt!)).sort((a, b) => a - b), 0.5);
    const tenthOfEvents = Math.ceil(ordered.length / 10);
    const expected = [...events.values()].reduce((n, r) => n + r.arrivals.length + r.waiting.size, 0);
    const lost = stillWaiting();
    const late = latencies.filter((ms) => ms > LATE_MS).length;
    const notify = [...events.values()].flatMap((r) => (r.notifiedAt === null ? [] : [Math.max(0, r.notifiedAt - r.committedAt!)])).sort((a, b) => a - b);
    const roundTrip = [...events.values()].map((r) => r.committedAt! - r.sentAt).sort((a, b) => a - b);
    const endedEarly = screens.filter((s) => s.endedEarly !== null).length - failed;
    const cpuShare = (seconds: number) => `${((seconds * 1000 * 100) / trafficMs).toFixed(0)}%`;
    const cpuUsed = {
      servers: cpuAfter.servers.map((s, i) => s - cpuBefore.servers[i]!),
      postgres: cpuAfter.postgres - cpuBefore.postgres,
      bench: cpuAfter.bench - cpuBefore.bench,
      machine: cpuAfter.machine - cpuBefore.machine,
    };
    const others = cpuUsed.machine - cpuUsed.servers[0]! - cpuUsed.servers[1]! - cpuUsed.postgres - cpuUsed.bench;
    const ms = (n: number) => `${fmt(Math.round(n))} ms`;

    const mb = (kb: number) => `${fmt(Math.round(kb / 1024))} MB`;
    say(`  memoria de los 2 servidores (RSS): ${mb(baseKb)} sin conexiones → ${mb(tenth.rss)} con ${fmt(tenth.open)} → ${mb(all.rss)} con ${fmt(open)} → ${mb(rssOf(afterTraffic))} tras el tráfico`);
    say(`  ${kbPerConnection.toFixed(1)} KB por conexión (todo lo que crecieron / conexiones), ${kbPerLaterConnection.toFixed(1)} KB por cada una después de la primera décima, ${((rssOf(afterTraffic) - baseKb) / open).toFixed(1)} KB tras el tráfico   objetivo ≤ 50 KB${quick ? " (con --quick lo dominan los costos fijos y el crecimiento del heap a saltos: véalo en la corrida completa)" : ""}`);
    say(`  ${fmt(total)} cambios confirmados en ${(trafficMs / 1000).toFixed(1)} s; ${fmt(expected)} entregas esperadas (a los admins de la cuenta y al vendedor dueño), ${fmt(tally.arrivals)} recibidas`);
    say(`  commit → llegada: p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, máx ${ms(latencies.at(-1) ?? Number.NaN)}   objetivo p99 ≤ 1.000 ms`);
    say(`  p50 de los cambios del primer décimo del tráfico ${ms(p50Of(ordered.slice(0, tenthOfEvents)))}, del último décimo ${ms(p50Of(ordered.slice(-tenthOfEvents)))}`);
    say(`  perdidos: ${fmt(lost)}   objetivo 0   (tarde, > ${LATE_MS / 1000} s: ${fmt(late)}; espera final ${(drainMs / 1000).toFixed(1)} s; streams cortados: ${fmt(endedEarly)})`);
    say(`  entregados a quien no puede ver la conversación: ${fmt(tally.wrong)}   objetivo 0   (repetidos: ${fmt(tally.duplicate)}, ajenos al bench: ${fmt(tally.unexpected)}, refresh: ${fmt(tally.refresh)}, otros tipos: ${fmt(tally.otherTypes)})`);
    say(`  de dónde viene el tiempo: ida y vuelta del commit p99 ${ms(percentile(roundTrip, 0.99))}; commit → NOTIFY oído p50 ${ms(percentile(notify, 0.5))}, p99 ${ms(percentile(notify, 0.99))}; agrupación por pantalla 150 ms; el resto, cola de entregas en las instancias${negative ? ` (${negative} llegadas antes del acuse del commit, contadas como 0)` : ""}`);
    say(`  base de datos durante el tráfico: ≈ ${fmt(Math.round((transactionsDuring * 1000) / countedMs))} transacciones/s (pool de ${process.env.DATABASE_POOL_SIZE ?? 10} por instancia)`);
    say(`  CPU durante el tráfico (de ${availableParallelism() * 100}%, ${availableParallelism()} núcleos): instancia 1 ${cpuShare(cpuUsed.servers[0]!)}, instancia 2 ${cpuShare(cpuUsed.servers[1]!)}, PostgreSQL (todas sus bases) ${cpuShare(cpuUsed.postgres)}, el bench ${cpuShare(cpuUsed.bench)}, otros procesos ${cpuShare(Math.max(0, others))}; máquina ${cpuShare(cpuUsed.machine)}`);
    say(`  carga de la máquina (/proc/loadavg 1/5/15 min): ${load.before} antes del tráfico, ${load.after} al final`);
    say(`figure live_p99_ms ${Math.round(percentile(latencies, 0.99))}`);
    say(`figure live_kb_per_connection ${kbPerConnection.toFixed(1)}`);
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (interrupt.signal.aborted) process.exit(130);
}
