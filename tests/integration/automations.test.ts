import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { automationJobs, automations, conversations, messages, type AutomationAction, type AutomationTrigger } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/access/actor";
import { webhookPoster } from "@/lib/automations/post-webhook";
import { MAX_ATTEMPTS, runDueJobs } from "@/lib/automations/worker";
import { cloudSender } from "@/lib/whatsapp/cloud-sender";
import { signBody } from "@/lib/whatsapp/signature";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { createAccount, createGroup, createUser } from "@/tests/support/factories";
import { startServer } from "@/tests/support/http-server";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";
import { assignmentActions } from "@/lib/assignment/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

// The receivers in these tests listen on this machine, which flows may reach only when allowed.
const toLocal = { postWebhook: webhookPoster({ allowPrivateAddresses: true }) };

const phone = () => `57310${Math.floor(1e6 + Math.random() * 8e6)}`;

async function setup(trigger: AutomationTrigger, actions: AutomationAction[]) {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin" });
  const seller1 = await createUser(conn.db, account.id, { role: "seller" });
  const seller2 = await createUser(conn.db, account.id, { role: "seller" });
  const channel = await createChannel(conn.db, account.id);
  const [flow] = await conn.db
    .insert(automations)
    .values({ accountId: account.id, name: "Flujo", trigger, actions, signingSecret: "flow-signing-secret" })
    .returning();
  const customerWrites = async (text: string, from = phone()) => {
    const body = webhookBody(channel.phoneNumberId, [textMessage(from, text)], { contacts: [{ wa_id: from, profile: { name: "Cliente" } }] });
    const result = await handleWebhook(conn.db, Buffer.from(body), signBody(body, channel.appSecret));
    expect(result.status).toBe(200);
    const [conversation] = await conn.db
      .select()
      .from(conversations)
      .where(sql`${conversations.accountId} = ${account.id} and ${conversations.contactId} = (select id from contacts where account_id = ${account.id} and wa_id = ${from})`);
    return conversation!;
  };
  const jobsOf = () => conn.db.select().from(automationJobs).where(eq(automationJobs.automationId, flow!.id));
  // Jobs scheduled for later are made due now, so a test need not wait out the backoff.
  const makeDue = () => conn.db.update(automationJobs).set({ availableAt: sql`now()` }).where(eq(automationJobs.automationId, flow!.id));
  return { account, admin, seller1, seller2, flow: flow!, customerWrites, jobsOf, makeDue };
}

describe("automation flows through the outbox", () => {
  it("an auto-reply answers a customer who opens a conversation, and leaves it unread for the owner", async () => {
    const s = await setup("conversation.opened_by_whatsapp", [{ type: "reply", text: "¡Gracias por escribir! Ya te atendemos." }]);
    const conversation = await s.customerWrites("Hola");
    expect(await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id })).toMatchObject({ done: 1 });
    const outbound = await conn.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(outbound.find((m) => m.direction === "outbound")).toMatchObject({ body: "¡Gracias por escribir! Ya te atendemos.", status: "sent", sentById: null });
    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after?.unread).toBe(true);
    expect(await s.jobsOf()).toMatchObject([{ status: "done", attempts: 1 }]);
  });

  it("a webhook action posts a signed JSON body, and is retried with backoff until it succeeds", async () => {
    let calls = 0;
    const server = await startServer(() => ({ status: ++calls === 1 ? 500 : 200 }));
    try {
      const s = await setup("conversation.opened_by_whatsapp", [{ type: "webhook", url: `${server.url}/hooks/turno` }]);
      const conversation = await s.customerWrites("Quiero una cotización");
      expect(await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id })).toMatchObject({ retried: 1 });
      const [retrying] = await s.jobsOf();
      expect(retrying).toMatchObject({ status: "pending", attempts: 1, lastError: "webhook answered 500" });
      expect(retrying!.availableAt.getTime()).toBeGreaterThan(Date.now());
      expect(await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id })).toMatchObject({ done: 0, retried: 0 });
      await s.makeDue();
      expect(await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id })).toMatchObject({ done: 1 });
      expect(await s.jobsOf()).toMatchObject([{ status: "done", attempts: 2, lastError: null }]);

      const delivered = server.received[1]!;
      expect(delivered.method).toBe("POST");
      expect(delivered.headers["x-turno-signature-256"]).toBe(signBody(delivered.body, "flow-signing-secret"));
      expect(delivered.headers["x-turno-event"]).toBe("conversation.opened_by_whatsapp");
      expect(JSON.parse(delivered.body)).toMatchObject({
        event: "conversation.opened_by_whatsapp",
        conversation: { id: conversation.id, contactName: "Cliente" },
      });
    } finally {
      await server.close();
    }
  });

  it("does not post to an address inside the network: the job records why and nothing arrives", async () => {
    const server = await startServer(() => ({ status: 200 }));
    try {
      const s = await setup("conversation.opened_by_whatsapp", [{ type: "webhook", url: `${server.url}/internal` }]);
      await s.customerWrites("Hola");
      expect(await runDueJobs(conn.db, { accountId: s.account.id })).toMatchObject({ retried: 1 });
      const [job] = await s.jobsOf();
      expect(job).toMatchObject({ status: "pending", attempts: 1 });
      expect(job!.lastError).toMatch(/^webhook address not allowed/);
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("waits twice as long before each retry: 10 s, 20 s, 40 s, 80 s, 160 s", async () => {
    const server = await startServer(() => ({ status: 503 }));
    try {
      const s = await setup("conversation.opened_by_whatsapp", [{ type: "webhook", url: `${server.url}/down` }]);
      await s.customerWrites("Hola");
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 5; attempt++) {
        await s.makeDue();
        const [{ started }] = (await queryRows<{ started: string }>(conn.db, sql`select now()::text as started`)) as [{ started: string }];
        await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id });
        const [{ wait }] = (await queryRows<{ wait: number }>(
          conn.db,
          sql`select extract(epoch from available_at - ${started}::timestamptz)::float8 as wait from automation_jobs where automation_id = ${s.flow.id}`,
        )) as [{ wait: number }];
        waits.push(Math.round(wait));
      }
      expect(waits).toEqual([10, 20, 40, 80, 160]);
    } finally {
      await server.close();
    }
  });

  it("gives up after the last attempt and shows the error", async () => {
    const server = await startServer(() => ({ status: 503 }));
    try {
      const s = await setup("conversation.opened_by_whatsapp", [{ type: "webhook", url: `${server.url}/down` }]);
      await s.customerWrites("Hola");
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await s.makeDue();
        await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id });
      }
      expect(await s.jobsOf()).toMatchObject([{ status: "failed", attempts: MAX_ATTEMPTS, lastError: "webhook answered 503" }]);
      expect(server.received).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await server.close();
    }
  });

  it("an assignment rule deals new conversations round robin over a group, without firing 'assigned' flows in a loop", async () => {
    // The group exists only after setup: the flow starts with a placeholder action, then gets the real one.
    const s = await setup("conversation.opened_by_whatsapp", [{ type: "reply", text: "placeholder" }]);
    const group = await createGroup(conn.db, s.account.id, "Ventas", [s.seller1.id, s.seller2.id]);
    await conn.db.update(automations).set({ actions: [{ type: "assign_round_robin", groupId: group.id }] }).where(eq(automations.id, s.flow.id));
    const [echo] = await conn.db
      .insert(automations)
      .values({ accountId: s.account.id, name: "Aviso", trigger: "conversation.assigned", actions: [{ type: "reply", text: "Te atiende un asesor" }], signingSecret: "another-secret" })
      .returning();
    const first = await s.customerWrites("uno");
    const second = await s.customerWrites("dos");
    await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id });
    const owners = await conn.db.select({ id: conversations.id, ownerId: conversations.ownerId }).from(conversations).where(eq(conversations.accountId, s.account.id));
    expect(new Set(owners.map((o) => o.ownerId))).toEqual(new Set([s.seller1.id, s.seller2.id]));
    expect(owners.map((o) => o.id).sort()).toEqual([first.id, second.id].sort());
    expect(await conn.db.select().from(automationJobs).where(eq(automationJobs.automationId, echo!.id))).toEqual([]);
  });

  it("a person's assignment fires the 'assigned' flows, queued in the same transaction", async () => {
    const s = await setup("conversation.assigned", [{ type: "reply", text: "Hola, soy tu asesor" }]);
    const conversation = await s.customerWrites("Hola");
    const admin = (await loadActor(conn.db, s.admin.id)) as Actor;
    await conn.act(assignmentActions.assignOne, admin, { conversationId: conversation.id, version: conversation.version, target: { mode: "user", userId: s.seller1.id } });
    expect(await s.jobsOf()).toMatchObject([{ event: "conversation.assigned", conversationId: conversation.id, payload: { to: s.seller1.id } }]);
  });

  it("several workers at once deliver each job once", async () => {
    const server = await startServer(() => ({ status: 200 }));
    try {
      const s = await setup("conversation.opened_by_whatsapp", [{ type: "webhook", url: server.url }]);
      for (let i = 0; i < 6; i++) await s.customerWrites(`mensaje ${i}`);
      await Promise.all([runDueJobs(conn.db, { ...toLocal, accountId: s.account.id }, 2), runDueJobs(conn.db, { ...toLocal, accountId: s.account.id }, 2), runDueJobs(conn.db, { ...toLocal, accountId: s.account.id }, 2)]);
      await runDueJobs(conn.db, { ...toLocal, accountId: s.account.id });
      expect(server.received).toHaveLength(6);
      expect((await s.jobsOf()).every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("outbound through the Cloud API", () => {
  it("posts the Cloud API request shape with the bearer token and returns Meta's message id", async () => {
    const server = await startServer(() => ({ status: 200, body: { messaging_product: "whatsapp", messages: [{ id: "wamid.fromMeta" }] } }));
    try {
      const sender = cloudSender({ phoneNumberId: "1234567890", accessToken: "EAAG-token", apiBaseUrl: server.url });
      expect(await sender.sendText({ accountId: "a", to: "573001234567", body: "Hola" })).toEqual({ waMessageId: "wamid.fromMeta" });
      const [request] = server.received;
      expect(request).toMatchObject({ method: "POST", url: "/1234567890/messages" });
      expect(request!.headers.authorization).toBe("Bearer EAAG-token");
      expect(JSON.parse(request!.body)).toEqual({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "573001234567",
        type: "text",
        text: { preview_url: false, body: "Hola" },
      });
    } finally {
      await server.close();
    }
  });

  it("an error from the Cloud API is an error, not a sent message", async () => {
    const server = await startServer(() => ({ status: 400, body: { error: { message: "Recipient not in allowed list" } } }));
    try {
      const sender = cloudSender({ phoneNumberId: "1234567890", accessToken: "t", apiBaseUrl: server.url });
      await expect(sender.sendText({ accountId: "a", to: "573001234567", body: "Hola" })).rejects.toThrow("Recipient not in allowed list");
    } finally {
      await server.close();
    }
  });
});
