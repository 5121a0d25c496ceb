import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "@/db/client";
import { POST } from "@/app/api/whatsapp/webhook/route";
import { MAX_WEBHOOK_BYTES, readBodyWithin } from "@/lib/whatsapp/request-body";
import { signBody } from "@/lib/whatsapp/signature";
import { namedNumbers } from "@/lib/whatsapp/verify-delivery";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { openTestDb } from "@/tests/support/db";
import { createAccount } from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";
import { createChannel, deliveryBody, textMessage, webhookBody } from "@/tests/support/whatsapp";

let conn: Connection;
// The route opens the app's shared connection on first use: here it is this file's test database.
const shared = globalThis as unknown as { turnoConnection?: Promise<Connection> };
beforeAll(async () => {
  conn = await openTestDb();
  shared.turnoConnection = Promise.resolve(conn);
});
afterAll(async () => {
  shared.turnoConnection = undefined;
  await conn.close();
});

const phone = () => `57320${Math.floor(1e6 + Math.random() * 8e6)}`;

async function account() {
  const row = await createAccount(conn.db);
  const channel = await createChannel(conn.db, row.id);
  return { id: row.id, channel, body: webhookBody(channel.phoneNumberId, [textMessage(phone(), "Hola")]) };
}

/** Two accounts, a delivery with a message for each one's number, and both accounts' rows. */
async function twoAccounts() {
  const [a, b] = [await account(), await account()];
  const body = deliveryBody([
    { phoneNumberId: a.channel.phoneNumberId, messages: [textMessage(phone(), "para A")] },
    { phoneNumberId: b.channel.phoneNumberId, messages: [textMessage(phone(), "para B")] },
  ]);
  return { a, b, body, snapshots: () => Promise.all([snapshotAccount(conn.db, a.id), snapshotAccount(conn.db, b.id)]) };
}

const deliver = (body: string | Buffer, signature: string | null) => handleWebhook(conn.db, Buffer.from(body), signature);

/** A body that arrives in 64 KB chunks for as long as it is read, without a Content-Length. */
function endlessStream() {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  POST(new Request("http://turno.test/api/whatsapp/webhook", { method: "POST", body, headers, duplex: "half" } as RequestInit));

describe("size", () => {
  it("the route refuses a declared Content-Length over the limit with 413 before reading anything", async () => {
    const { stream, pulled } = endlessStream();
    const response = await post(stream, { "content-length": String(MAX_WEBHOOK_BYTES + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "payload_too_large" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("the route stops reading a streamed body without Content-Length as soon as it passes the limit", async () => {
    const { stream, pulled } = endlessStream();
    const response = await post(stream);
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES / (64 * 1024) + 2);
  });

  it("the route takes a streamed delivery within the limit whole", async () => {
    const a = await account();
    const bytes = new TextEncoder().encode(a.body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const response = await post(stream, { "x-hub-signature-256": signBody(a.body, a.channel.appSecret) });
    expect(response.status).toBe(200);
    expect((await snapshotAccount(conn.db, a.id)).messages).toHaveLength(1);
  });

  it("readBodyWithin returns the bytes up to the limit and refuses one more", async () => {
    const request = (size: number) => new Request("http://turno.test/", { method: "POST", body: new Uint8Array(size) });
    expect(await readBodyWithin(request(1000), 1000)).toHaveLength(1000);
    expect(await readBodyWithin(request(1001), 1000)).toBe("too_large");
  });

  it("the webhook refuses a body over the limit, signed or not, with 413 and stores nothing", async () => {
    const a = await account();
    const big = webhookBody(a.channel.phoneNumberId, [textMessage(phone(), "x".repeat(MAX_WEBHOOK_BYTES))]);
    const before = await snapshotAccount(conn.db, a.id);
    expect(await deliver(big, signBody(big, a.channel.appSecret))).toEqual({ status: 413, body: { error: "payload_too_large" } });
    expect((await deliver(big, null)).status).toBe(413);
    expect(await snapshotAccount(conn.db, a.id)).toEqual(before);
  });
});

describe("signature, before anything is parsed", () => {
  it("an unsigned or badly signed body that isn't JSON answers 401, not 400", async () => {
    const a = await account();
    const notJson = `{"metadata":{"phone_number_id":"${a.channel.phoneNumberId}"} this is not json`;
    expect(await deliver(notJson, null)).toEqual({ status: 401, body: { error: "unauthorized" } });
    expect(await deliver(notJson, signBody(notJson, "wrong-secret"))).toEqual({ status: 401, body: { error: "unauthorized" } });
    expect(await deliver("\u0000\ud800 not even text", "sha256=00")).toEqual({ status: 401, body: { error: "unauthorized" } });
  });

  it("an unknown number and a bad signature get byte-identical answers", async () => {
    const a = await account();
    const unknown = webhookBody("424242424242", [textMessage(phone(), "Hola")]);
    const answers = await Promise.all([
      post(unknown, { "x-hub-signature-256": signBody(unknown, a.channel.appSecret) }),
      post(a.body, { "x-hub-signature-256": signBody(a.body, "wrong-secret") }),
      post(a.body),
    ]);
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(new Set(texts)).toEqual(new Set(['{"error":"unauthorized"}']));
    expect(new Set(answers.map((r) => r.headers.get("content-type")))).toHaveProperty("size", 1);
  });

  it("a delivery that names no number is refused, signed or not", async () => {
    const a = await account();
    for (const body of [JSON.stringify({ object: "whatsapp_business_account", entry: [] }), "{}", ""]) {
      expect(await deliver(body, null)).toEqual({ status: 401, body: { error: "unauthorized" } });
      expect(await deliver(body, signBody(body, a.channel.appSecret))).toEqual({ status: 401, body: { error: "unauthorized" } });
    }
  });

  it("a big invalid body with a fake signature gets a short answer", async () => {
    const a = await account();
    const entries = Array.from({ length: 2000 }, () => ({ changes: [{ value: { metadata: { phone_number_id: a.channel.phoneNumberId }, messages: 7 } }] }));
    const body = JSON.stringify({ object: "whatsapp_business_account", entry: entries });
    expect(body.length).toBeGreaterThan(100_000);
    const response = await post(body, { "x-hub-signature-256": "sha256=" + "0".repeat(64) });
    expect(response.status).toBe(401);
    expect((await response.text()).length).toBeLessThan(64);
  });

  it("a number spelled with JSON escapes, which the raw scan can't see, is not trusted", async () => {
    const { a, b, body: plain, snapshots } = await twoAccounts();
    const body = plain.replace(`"phone_number_id":"${b.channel.phoneNumberId}"`, `"phone_number_\\u0069d":"${b.channel.phoneNumberId}"`);
    expect(namedNumbers(Buffer.from(body))).toEqual([a.channel.phoneNumberId]);
    const before = await snapshots();
    expect(await deliver(body, signBody(body, a.channel.appSecret))).toEqual({ status: 401, body: { error: "unauthorized" } });
    expect(await snapshots()).toEqual(before);
  });
});

describe("a delivery naming two accounts' numbers", () => {
  it("signed with only one account's secret is refused and stores nothing in either", async () => {
    const { a, b, body, snapshots } = await twoAccounts();
    const before = await snapshots();
    expect(await deliver(body, signBody(body, a.channel.appSecret))).toEqual({ status: 401, body: { error: "unauthorized" } });
    expect(await deliver(body, signBody(body, b.channel.appSecret))).toEqual({ status: 401, body: { error: "unauthorized" } });
    expect(await snapshots()).toEqual(before);
  });
});

describe("database down", () => {
  it("the route answers 500 with a short error, so Meta delivers again later", async () => {
    const a = await account();
    const down = await connect({ url: process.env.DATABASE_URL, dataDir: null, migrate: false });
    await down.close();
    shared.turnoConnection = Promise.resolve(down);
    try {
      const response = await post(a.body, { "x-hub-signature-256": signBody(a.body, a.channel.appSecret) });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: "retry_later" });
    } finally {
      shared.turnoConnection = Promise.resolve(conn);
    }
  });
});
