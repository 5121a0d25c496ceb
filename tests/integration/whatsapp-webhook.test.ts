import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connection } from "@/db/client";
import { automations, automationJobs, contacts, conversations, historyEntries, inboundPending, messages } from "@/db/schema";
import { CHANGES_CHANNEL } from "@/lib/live/events";
import { applyAllPendingInbound, applyPendingInbound } from "@/lib/whatsapp/receive";
import { loadActor, type Actor } from "@/lib/access/actor";
import { signBody } from "@/lib/whatsapp/signature";
import { handleWebhook, verifySubscription } from "@/lib/whatsapp/webhook";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";
import { closeConversation } from "@/lib/closing/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const phone = () => `57300${Math.floor(1e6 + Math.random() * 8e6)}`;

async function setup() {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin" });
  const seller1 = await createUser(conn.db, account.id, { role: "seller" });
  const seller2 = await createUser(conn.db, account.id, { role: "seller" });
  const channel = await createChannel(conn.db, account.id);
  const deliver = (body: string, signature: string | null = signBody(body, channel.appSecret)) =>
    handleWebhook(conn.db, Buffer.from(body), signature);
  return { account, admin, seller1, seller2, channel, deliver };
}

describe("verification handshake", () => {
  it("echoes the challenge for the account's verify token, and refuses anything else", async () => {
    const { channel } = await setup();
    const params = (mode: string, token: string) =>
      new URLSearchParams({ "hub.mode": mode, "hub.verify_token": token, "hub.challenge": "1158201444" });
    expect(await verifySubscription(conn.db, params("subscribe", channel.verifyToken))).toEqual({ status: 200, body: "1158201444" });
    expect((await verifySubscription(conn.db, params("subscribe", "wrong-token"))).status).toBe(403);
    expect((await verifySubscription(conn.db, params("unsubscribe", channel.verifyToken))).status).toBe(403);
  });
});

describe("signature", () => {
  it("accepts a good signature and refuses a bad, missing or one-byte-altered one, storing nothing", async () => {
    const s = await setup();
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(phone(), "Hola")]);
    const before = await snapshotAccount(conn.db, s.account.id);
    expect((await s.deliver(body, null)).status).toBe(401);
    expect((await s.deliver(body, signBody(body, "another-secret"))).status).toBe(401);
    const altered = body.replace("Hola", "Hol4");
    expect((await s.deliver(altered, signBody(body, s.channel.appSecret))).status).toBe(401);
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
    expect((await s.deliver(body)).status).toBe(200);
    expect((await snapshotAccount(conn.db, s.account.id)).messages).toHaveLength(1);
  });
});

describe("inbound messages", () => {
  it("a new phone creates the contact (no owner) and an open, unassigned, unread conversation", async () => {
    const s = await setup();
    const from = phone();
    const result = await s.deliver(
      webhookBody(s.channel.phoneNumberId, [textMessage(from, "Hola, quiero información")], {
        contacts: [{ wa_id: from, profile: { name: "Ana Ruiz" } }],
      }),
    );
    expect(result).toMatchObject({ status: 200, body: { stored: 1, duplicates: 0 } });
    const [contact] = await conn.db.select().from(contacts).where(and(eq(contacts.accountId, s.account.id), eq(contacts.waId, from)));
    expect(contact).toMatchObject({ name: "Ana Ruiz", phone: `+${from}`, ownerId: null });
    const [conversation] = await conn.db.select().from(conversations).where(eq(conversations.contactId, contact!.id));
    expect(conversation).toMatchObject({ status: "open", ownerId: null, unread: true, lastMessagePreview: "Hola, quiero información" });
    expect(conversation?.lastInboundAt).toBeInstanceOf(Date);
  });

  it("stores non-text messages with their type and a readable placeholder", async () => {
    const s = await setup();
    const from = phone();
    await s.deliver(
      webhookBody(s.channel.phoneNumberId, [
        { from, id: "wamid.img1", timestamp: String(Math.floor(Date.now() / 1000)), type: "image", image: { id: "m1", caption: "la factura" } },
        { from, id: "wamid.aud1", timestamp: String(Math.floor(Date.now() / 1000)), type: "audio", audio: { id: "m2" } },
        { from, id: "wamid.rx1", timestamp: String(Math.floor(Date.now() / 1000)), type: "reaction", reaction: { emoji: "👍" } },
      ]),
    );
    const rows = await conn.db.select({ type: messages.type, body: messages.body }).from(messages).where(eq(messages.accountId, s.account.id));
    expect(rows.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: "audio", body: "[Audio]" },
      { type: "image", body: "[Imagen] la factura" },
      { type: "unsupported", body: "[Mensaje no compatible]" },
    ]);
  });

  it("the same message delivered again is acknowledged and stored once", async () => {
    const s = await setup();
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(phone(), "Hola", "wamid.same")]);
    expect(await s.deliver(body)).toMatchObject({ status: 200, body: { stored: 1 } });
    expect(await s.deliver(body)).toMatchObject({ status: 200, body: { stored: 0, duplicates: 1 } });
    expect((await snapshotAccount(conn.db, s.account.id)).messages).toHaveLength(1);
  });

  it("two deliveries of the same message racing each other store it once", async () => {
    const s = await setup();
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(phone(), "Hola", "wamid.race")]);
    const results = await Promise.all([s.deliver(body), s.deliver(body), s.deliver(body)]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const snapshot = await snapshotAccount(conn.db, s.account.id);
    expect(snapshot.messages).toHaveLength(1);
    expect(snapshot.conversations).toHaveLength(1);
    expect(snapshot.contacts).toHaveLength(1);
  });

  it("a signed body that isn't a delivery is kept whole as one dead letter and acknowledged, once", async () => {
    const s = await setup();
    const before = await snapshotAccount(conn.db, s.account.id);
    const notJson = `{"metadata":{"phone_number_id":"${s.channel.phoneNumberId}"}, not json`;
    expect(await s.deliver(notJson)).toMatchObject({ status: 200, body: { deadLetters: 1 } });
    const wrongObject = JSON.stringify({ object: "page", entry: [{ changes: [{ value: { metadata: { phone_number_id: s.channel.phoneNumberId } } }] }] });
    expect(await s.deliver(wrongObject)).toMatchObject({ status: 200, body: { deadLetters: 1 } });
    await s.deliver(wrongObject);
    const after = await snapshotAccount(conn.db, s.account.id);
    expect(after.deadLetters.map((d) => [d.kind, d.reason])).toEqual([
      ["delivery", "the body is not valid JSON"],
      ["delivery", expect.stringContaining("object")],
    ]);
    expect(JSON.parse(after.deadLetters[0]!.payload)).toEqual({ body: notJson });
    expect(after.deadLetters[1]!.payload).toBe(wrongObject);
    expect({ ...after, deadLetters: [] }).toEqual({ ...before, deadLetters: [] });
  });

  it("a message to an open conversation appends and marks it unread", async () => {
    const s = await setup();
    const from = phone();
    await s.deliver(webhookBody(s.channel.phoneNumberId, [textMessage(from, "uno", undefined, new Date(Date.now() - 60_000))]));
    await conn.db.update(conversations).set({ unread: false }).where(eq(conversations.accountId, s.account.id));
    await s.deliver(webhookBody(s.channel.phoneNumberId, [textMessage(from, "dos")]));
    const [conversation] = await conn.db.select().from(conversations).where(eq(conversations.accountId, s.account.id));
    expect(conversation).toMatchObject({ unread: true, lastMessagePreview: "dos", status: "open" });
    expect((await snapshotAccount(conn.db, s.account.id)).messages).toHaveLength(2);
  });

  it("a message to a closed conversation reopens it, unread, for the person it was handed over to, and queues the opening flows", async () => {
    const s = await setup();
    const conversation = await createConversation(conn.db, s.account.id, { ownerId: s.seller1.id, unread: false });
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    const seller1 = (await loadActor(conn.db, s.seller1.id)) as Actor;
    expect((await conn.act(closeConversation, seller1, { conversationId: conversation.id, version: 1, reason: "Vuelve en enero", handOverTo: s.seller2.id })).ok).toBe(true);
    const [flow] = await conn.db
      .insert(automations)
      .values({ accountId: s.account.id, name: "Bienvenida", trigger: "conversation.opened_by_whatsapp", actions: [{ type: "reply", text: "¡Hola de nuevo!" }], signingSecret: "s3cret-s3cret" })
      .returning();

    await s.deliver(webhookBody(s.channel.phoneNumberId, [textMessage(contact!.waId, "Hola otra vez")]));

    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after).toMatchObject({ status: "open", unread: true, ownerId: s.seller2.id, closedAt: null, closeReason: null });
    const history = await conn.db.select().from(historyEntries).where(eq(historyEntries.conversationId, conversation.id)).orderBy(historyEntries.id);
    expect(history.map((h) => h.kind)).toEqual(["conversation.closed", "conversation.reopened"]);
    expect(history[1]).toMatchObject({ actorId: null, data: { by: "customer", owner: s.seller2.id } });
    const jobs = await conn.db.select().from(automationJobs).where(eq(automationJobs.automationId, flow!.id));
    expect(jobs).toMatchObject([{ event: "conversation.opened_by_whatsapp", conversationId: conversation.id, status: "pending" }]);
  });

  it("status notifications move an outbound message forward only", async () => {
    const s = await setup();
    const conversation = await createConversation(conn.db, s.account.id, { messages: [] });
    await conn.db.insert(messages).values({
      accountId: s.account.id, conversationId: conversation.id, direction: "outbound", body: "hola", status: "sent", waMessageId: "wamid.out1",
    });
    const status = (value: string) => webhookBody(s.channel.phoneNumberId, [], { statuses: [{ id: "wamid.out1", status: value, timestamp: "1700000000" }] });
    await s.deliver(status("read"));
    await s.deliver(status("delivered"));
    const [message] = await conn.db.select().from(messages).where(eq(messages.waMessageId, "wamid.out1"));
    expect(message?.status).toBe("read");
  });

  it("a number no account configured is refused", async () => {
    const s = await setup();
    const body = webhookBody("999999999", [textMessage(phone(), "Hola")]);
    expect((await s.deliver(body, signBody(body, s.channel.appSecret))).status).toBe(401);
  });
});

type Tx = Parameters<Parameters<Connection["db"]["transaction"]>[0]>[0];

describe.skipIf(!process.env.DATABASE_URL)("locks (PostgreSQL: two sessions at once)", () => {
  /** Runs `hold` in a transaction kept open until `delivery` has answered, or gives up after 5 s. */
  async function deliverWhile(hold: (tx: Tx) => Promise<unknown>, delivery: () => Promise<unknown>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const transaction = conn.db.transaction(async (tx) => {
      await hold(tx);
      held();
      await released;
    });
    await holding;
    const timeout = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000));
    const outcome = await Promise.race([delivery().then(() => "answered" as const), timeout]);
    release();
    await transaction;
    return outcome;
  }

  it("a delivery does not wait for someone holding the customer's contact row", async () => {
    const s = await setup();
    const conversation = await createConversation(conn.db, s.account.id);
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(contact!.waId, "Hola")]);
    const outcome = await deliverWhile((tx) => tx.select().from(contacts).where(eq(contacts.id, contact!.id)).for("update"), () => s.deliver(body));
    expect(outcome).toBe("answered");
  });

  it("a delivery does not wait for someone changing the customer's contact (a bulk carrying it to a new owner)", async () => {
    const s = await setup();
    const conversation = await createConversation(conn.db, s.account.id);
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(contact!.waId, "Hola")]);
    const carry = (tx: Tx) => tx.update(contacts).set({ ownerId: s.seller2.id }).where(eq(contacts.id, contact!.id));
    expect(await deliverWhile(carry, () => s.deliver(body))).toBe("answered");
  });

  it("the worker's sweep is not held up by summaries whose conversations a bulk still holds", async () => {
    const s = await setup();
    const held = await createConversation(conn.db, s.account.id, { lastMessageAt: new Date(Date.now() - 3_600_000) });
    const free = await createConversation(conn.db, s.account.id, { unread: false, lastMessageAt: new Date(Date.now() - 3_600_000) });
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, held.contactId));
    const holdRow = (tx: Tx) => tx.update(conversations).set({ ownerId: s.seller2.id }).where(eq(conversations.id, held.id));
    let sweptWhileHeld = -1;
    await deliverWhile(holdRow, async () => {
      await s.deliver(webhookBody(s.channel.phoneNumberId, [textMessage(contact!.waId, "Primero")]));
      // A later summary, for a conversation nobody holds.
      await conn.db.insert(inboundPending).values({ accountId: s.account.id, messageId: randomUUID(), conversationId: free.id, sentAt: new Date(), preview: "Después" });
      // One row per batch: the oldest waiting one is held, and must not stop the sweep.
      sweptWhileHeld = await applyAllPendingInbound(conn.db, 1);
    });
    expect(sweptWhileHeld).toBeGreaterThanOrEqual(1);
    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, free.id));
    expect(after).toMatchObject({ unread: true, lastMessagePreview: "Después" });
  });

  it("a delivery does not wait for a reply being stored in the same conversation", async () => {
    const s = await setup();
    const conversation = await createConversation(conn.db, s.account.id);
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(contact!.waId, "Hola")]);
    // The reply's foreign-key check holds KEY SHARE on the conversation until it commits.
    const reply = (tx: Tx) =>
      tx.insert(messages).values({ accountId: s.account.id, conversationId: conversation.id, direction: "outbound", body: "respuesta", status: "sent" });
    expect(await deliverWhile(reply, () => s.deliver(body))).toBe("answered");
  });

  it("a message to a conversation a bulk holds is stored at once; the summary and the reopen follow once the row is free", async () => {
    const s = await setup();
    const conversation = await createConversation(conn.db, s.account.id, { status: "closed", unread: false, ownerId: s.seller1.id, closedById: s.admin.id, lastMessageAt: new Date(Date.now() - 3_600_000) });
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    const body = webhookBody(s.channel.phoneNumberId, [textMessage(contact!.waId, "¿Siguen abiertos?")]);
    const heard: string[] = [];
    const stop = await conn.listen(CHANGES_CHANNEL, (payload) => heard.push(payload));
    // What a running bulk assignment does to each row it is assigning: changes it, uncommitted.
    const holdRow = (tx: Tx) => tx.update(conversations).set({ ownerId: s.seller2.id }).where(eq(conversations.id, conversation.id));
    let whileHeld: { answer: unknown; pending: number; appliedMeanwhile: number; row: typeof conversation | undefined } | null = null;
    const outcome = await deliverWhile(holdRow, async () => {
      const answer = await s.deliver(body);
      const appliedMeanwhile = await applyPendingInbound(conn.db, s.account.id, [conversation.id]);
      const [row] = await conn.db.select().from(conversations).where(eq(conversations.id, conversation.id));
      const pending = (await conn.db.select().from(inboundPending).where(eq(inboundPending.conversationId, conversation.id))).length;
      whileHeld = { answer, pending, appliedMeanwhile, row };
    });
    expect(outcome).toBe("answered");
    expect(whileHeld!.answer).toMatchObject({ status: 200, body: { stored: 1 }, deferred: [{ accountId: s.account.id, conversationIds: [conversation.id] }] });
    // Stored and committed while the row was held; the summary waited, and a sweep left it waiting.
    expect(whileHeld!.appliedMeanwhile).toBe(0);
    expect(whileHeld!.pending).toBe(1);
    expect(whileHeld!.row).toMatchObject({ status: "closed", unread: false });
    expect((await conn.db.select().from(messages).where(eq(messages.conversationId, conversation.id))).map((m) => m.body)).toContain("¿Siguen abiertos?");

    // The worker's sweep (every account's waiting summaries) applies it once the row is free.
    await applyAllPendingInbound(conn.db);
    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after).toMatchObject({ status: "open", unread: true, lastMessagePreview: "¿Siguen abiertos?", ownerId: s.seller2.id, closedAt: null });
    expect(after!.version).toBe(conversation.version + 1);
    const history = await conn.db.select().from(historyEntries).where(eq(historyEntries.conversationId, conversation.id));
    expect(history.map((h) => h.kind)).toContain("conversation.reopened");
    expect(await conn.db.select().from(inboundPending).where(eq(inboundPending.conversationId, conversation.id))).toEqual([]);
    expect(await applyPendingInbound(conn.db, s.account.id, [conversation.id])).toBe(0);
    // Screens showing the conversation hear of the late summary like of the message itself.
    await expect.poll(() => heard.filter((p) => p.includes(conversation.id)).length).toBeGreaterThanOrEqual(3);
    await stop();
  });
});
