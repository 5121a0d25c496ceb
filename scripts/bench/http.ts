// The HTTP side at a million conversations (#13), against `next start` on PostgreSQL: the inbox
// and conversation pages (req/s, p99, size), the signed webhook (stored/s, p99, nothing lost),
// and a customer's message while a 100,000-conversation bulk holds its locks.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { connect, queryRows, type Connection } from "@/db/client";
import { loadActor } from "@/lib/access/actor";
import { perform } from "@/lib/access/pipeline";
import { assignmentActions } from "@/lib/assignment/actions";
import { countSelection } from "@/lib/inbox/actions";
import { ensureBuild, loadAverage, startAppServer } from "./app-server";
import { POSTGRES_URL } from "./database";
import { seedOneAccount } from "./search";

type Say = (line: string) => void;
const ADMIN_URL = POSTGRES_URL;
const PORT = 3521;
const COOKIE = "authjs.session-token";
const PHONE_NUMBER_ID = "109876543299001";
const fmt = (n: number) => n.toLocaleString("es-CO");

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** One customer's text message as Meta delivers it, with its signature. */
function delivery(secret: string, waId: string, messageId: string) {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{
      id: "waba",
      changes: [{
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: "576015550199", phone_number_id: PHONE_NUMBER_ID },
          contacts: [{ wa_id: waId, profile: { name: "Cliente" } }],
          messages: [{ from: waId, id: messageId, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "¿Sigue disponible?" } }],
        },
      }],
    }],
  });
  return { body, signature: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` };
}

/** The size of a page as the server sends it uncompressed, in KB. */
function pageKb(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { cookie }, agent: false }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve(bytes / 1024));
    }).on("error", reject);
  });
}

export async function benchHttp({ quick, say }: { quick: boolean; say: Say }): Promise<void> {
  const size = quick ? 100_000 : 1_000_000;
  const seconds = quick ? 5 : 15;
  say(`(http) páginas y webhook contra next start, una cuenta de ${fmt(size)} conversaciones en PostgreSQL`);
  await ensureBuild(say);
  const name = `turno_bench_http_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let conn: Connection | null = null;
  let server: Awaited<ReturnType<typeof startAppServer>> | null = null;
  let second: Awaited<ReturnType<typeof startAppServer>> | null = null;
  try {
    conn = await connect({ url: url.toString(), poolSize: 4 });
    const started = performance.now();
    const { accountId, admin: adminId } = await seedOneAccount(conn, size);
    const appSecret = randomBytes(16).toString("hex");
    await conn.db.execute(sql`insert into whatsapp_channels (account_id, phone_number_id, display_phone, verify_token, app_secret)
      values (${accountId}, ${PHONE_NUMBER_ID}, '+57 601 555 0199', ${randomBytes(8).toString("hex")}, ${appSecret})`);
    // The conversations the page load opens, with a thread of 20 messages each.
    const opened = await queryRows<{ id: string }>(conn.db, sql`
      select id from conversations where account_id = ${accountId} and status = 'open' order by last_message_at desc limit 50`);
    await conn.db.execute(sql`
      insert into messages (account_id, conversation_id, direction, type, body, status, created_at)
      select ${accountId}, c, case when k % 2 = 0 then 'inbound' else 'outbound' end, 'text',
             'Mensaje ' || k || ' de la conversación', case when k % 2 = 0 then 'received' else 'read' end, now() - (20 - k) * interval '1 minute'
      from unnest(${sql.raw(`'{${opened.map((o) => o.id).join(",")}}'`)}::uuid[]) c cross join generate_series(1, 20) k`);
    await conn.db.execute(sql`vacuum analyze`);
    say(`  sembrado: ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const secret = randomBytes(32).toString("base64url");
    server = await startAppServer(PORT, { DATABASE_URL: url.toString(), AUTH_SECRET: secret }, new AbortController().signal);
    const token = await encode({
      token: { sid: randomUUID(), uid: adminId, accountId, role: "admin", sat: new Date().toISOString() },
      secret,
      salt: COOKIE,
      maxAge: 12 * 60 * 60,
    });
    const cookie = `${COOKIE}=${token}`;
    const base = server.url;

    // Pages: half the inbox, half an open conversation, as people move between them.
    const kb = { inbox: await pageKb(`${base}/inbox`, cookie), conversation: await pageKb(`${base}/inbox/${opened[0]!.id}`, cookie) };
    let n = 0;
    const pageRequest = { method: "GET" as const, headers: { cookie }, setupRequest: (req: autocannon.Request) => ({ ...req, path: n++ % 2 === 0 ? "/inbox" : `/inbox/${opened[n % opened.length]!.id}` }) };
    await autocannon({ url: base, connections: 10, duration: 3, requests: [pageRequest] });
    const pages = await autocannon({ url: base, connections: 10, duration: seconds, requests: [pageRequest] });
    if (pages.non2xx > 0 || pages.errors > 0) throw new Error(`pages: ${pages.non2xx} non-2xx, ${pages.errors} errors`);
    say(`  GET /inbox y /inbox/[id], 10 conexiones, ${seconds} s: ${pages.requests.average.toFixed(0)} req/s, p50 ${pages.latency.p50} ms, p99 ${pages.latency.p99} ms   objetivo ≥ 100 req/s, p99 ≤ 150 ms`);
    say(`  tamaño sin comprimir: /inbox ${kb.inbox.toFixed(1)} KB, /inbox/[id] ${kb.conversation.toFixed(1)} KB   objetivo ≤ 40 KB`);

    // The webhook: every delivery one new message from one of the account's customers.
    const customers = (await queryRows<{ wa_id: string }>(conn.db, sql`select wa_id from contacts where account_id = ${accountId} order by random() limit 20000`)).map((c) => c.wa_id);
    const webhookRequest = (ids: string[], prefix: string) => {
      let k = 0;
      return {
        method: "POST" as const,
        path: "/api/whatsapp/webhook",
        setupRequest: (req: autocannon.Request) => {
          const { body, signature } = delivery(appSecret, ids[k % ids.length]!, `wamid.${prefix}.${k++}`);
          return { ...req, body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } };
        },
      };
    };
    const storedWith = async (prefix: string) =>
      (await queryRows<{ n: number }>(conn!.db, sql`select count(*)::int as n from messages where account_id = ${accountId} and wa_message_id like ${`wamid.${prefix}.%`}`))[0]!.n;
    await autocannon({ url: base, connections: 50, duration: 2, requests: [webhookRequest(customers, "warm")] });
    const hooks = await autocannon({ url: base, connections: 50, duration: seconds, requests: [webhookRequest(customers, "load")] });
    const stored = await storedWith("load");
    const answered = hooks.requests.total - hooks.non2xx - hooks.errors;
    say(`  webhook firmado, un mensaje por entrega, 50 conexiones, ${seconds} s: ${(stored / seconds).toFixed(0)} guardados/s (${fmt(stored)}), p50 ${hooks.latency.p50} ms, p99 ${hooks.latency.p99} ms; ${hooks.non2xx} respuestas no 2xx, ${hooks.errors} errores; perdidos (200 sin guardar): ${Math.max(0, answered - stored)}   objetivo ≥ 500/s, p99 ≤ 100 ms, 0 perdidos`);

    // Node runs one thread: on this 2-core machine a deployment runs one instance per core.
    // The same load split over two instances on the same database, for comparison.
    second = await startAppServer(PORT + 1, { DATABASE_URL: url.toString(), AUTH_SECRET: secret, TURNO_WORKER: "off" }, new AbortController().signal);
    const both = async (connections: number, request: (i: number) => autocannon.Request) => {
      const runs = await Promise.all(
        [base, second!.url].map((target, i) => autocannon({ url: target, connections: connections / 2, duration: seconds, requests: [request(i)] })),
      );
      return {
        rps: runs.reduce((sum, r) => sum + r.requests.average, 0),
        p99: Math.max(...runs.map((r) => r.latency.p99)),
        failed: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      };
    };
    const pages2 = await both(10, () => pageRequest);
    const hooks2 = await both(50, (i) => webhookRequest(customers, `two${i}`));
    const stored2 = (await storedWith("two0")) + (await storedWith("two1"));
    say(`  con dos instancias (una por núcleo), la misma carga repartida: páginas ${pages2.rps.toFixed(0)} req/s, p99 ≤ ${pages2.p99} ms; webhook ${(stored2 / seconds).toFixed(0)} guardados/s, p99 ≤ ${hooks2.p99} ms; ${pages2.failed + hooks2.failed} fallidas (las cifras de abajo son de una instancia)`);

    // A customer writes while a bulk of 100,000 holds the rows it is assigning.
    const actor = (await loadActor(conn.db, adminId))!;
    const params = { status: "all", owner: "unassigned" };
    const counted = await perform(countSelection, conn.db, actor, params);
    if (!counted.ok) throw new Error(`count refused: ${counted.error}`);
    const inBulk = (await queryRows<{ wa_id: string }>(conn.db, sql`
      select ct.wa_id from conversations c join contacts ct on ct.account_id = c.account_id and ct.id = c.contact_id
      where c.account_id = ${accountId} and c.owner_id is null order by random() limit 2000`)).map((c) => c.wa_id);
    const sellers = (await queryRows<{ id: string }>(conn.db, sql`select id from users where account_id = ${accountId} and role = 'seller' order by id`)).map((u) => u.id);
    const bulkStarted = performance.now();
    const running = perform(assignmentActions.assignInBulk, conn.db, actor, {
      selection: { kind: "filter", params, cutoff: counted.cutoff },
      target: { mode: "round_robin", pool: { kind: "users", userIds: sellers } },
      transfer: { contact: false, opportunities: true, activities: true, tasks: true, onlyOpen: true },
    }).then((result) => ({ result, ms: performance.now() - bulkStarted }));
    const latencies: number[] = [];
    let during = 0;
    let k = 0;
    let done: Awaited<typeof running> | null = null;
    void running.then((d) => (done = d));
    // Ten customers at a time write into conversations the bulk is assigning, until it commits.
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (!done) {
          const { body, signature } = delivery(appSecret, inBulk[k % inBulk.length]!, `wamid.bulk.${k++}`);
          const sent = performance.now();
          const sentDuringBulk = !done;
          const response = await fetch(`${base}/api/whatsapp/webhook`, { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`webhook during bulk: HTTP ${response.status}`);
          if (sentDuringBulk) {
            latencies.push(performance.now() - sent);
            during++;
          }
        }
      }),
    );
    const bulk = (await running)!;
    if (!bulk.result.ok) throw new Error(`bulk refused: ${bulk.result.error}`);
    const storedDuring = await storedWith("bulk");
    latencies.sort((a, b) => a - b);
    say(`  durante una asignación masiva de ${fmt(bulk.result.summary.total)} conversaciones (${(bulk.ms / 1000).toFixed(1)} s, una transacción): ${fmt(during)} mensajes a conversaciones de la selección, p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99)?.toFixed(0)} ms, máx ${(latencies.at(-1) ?? 0).toFixed(0)} ms; guardados ${fmt(storedDuring)} de ${fmt(k)}   objetivo p99 ≤ 1.000 ms`);
    say(`  carga de la máquina (/proc/loadavg): ${loadAverage()}`);
    say(`figure page_rps_10 ${pages.requests.average.toFixed(0)}`);
    say(`figure page_p99_ms_10 ${pages.latency.p99}`);
    say(`figure page_kb ${Math.max(kb.inbox, kb.conversation).toFixed(1)}`);
    say(`figure webhook_rps_50 ${(stored / seconds).toFixed(0)}`);
    say(`figure webhook_p99_ms_50 ${hooks.latency.p99}`);
    say(`figure webhook_during_bulk_p99_ms ${percentile(latencies, 0.99).toFixed(0)}`);
  } finally {
    await second?.stop();
    await server?.stop();
    await conn?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
