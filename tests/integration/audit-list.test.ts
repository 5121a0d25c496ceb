import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { conversations } from "@/db/schema";
import { type Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { countClosedConversations, listClosedConversations } from "@/lib/audit/closed-conversations";
import { resolveAuditFilters } from "@/lib/audit/filters";
import { signBody } from "@/lib/whatsapp/signature";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { createAccount, createContact, createConversation, createUser } from "@/tests/support/factories";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";
import { closeConversation } from "@/lib/closing/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

async function closeAs(conversationId: string, closedById: string, reason: string, at: string) {
  await conn.db.execute(sql`update conversations set closed_by_id = ${closedById}, close_reason = ${reason},
    closed_at = ${at}::timestamptz where id = ${conversationId}`);
}

async function buildAccount() {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin", name: "Admin" });
  const seller = await createUser(conn.db, account.id, { role: "seller", name: "Vendedora" });
  const seller2 = await createUser(conn.db, account.id, { role: "seller", name: "Vendedor Dos" });
  const support = await createUser(conn.db, account.id, { role: "support" });
  const editor = await createUser(conn.db, account.id, { role: "editor" });
  const a = await createConversation(conn.db, account.id, { ownerId: seller2.id, status: "closed", contactName: "Ana" });
  const b = await createConversation(conn.db, account.id, { ownerId: seller.id, status: "closed", contactName: "Bruno" });
  const c = await createConversation(conn.db, account.id, { ownerId: seller.id, status: "closed", contactName: "Carla" });
  const open = await createConversation(conn.db, account.id, { ownerId: seller.id, contactName: "Diego" });
  // Bogotá is UTC-5: 2024-03-10 23:30 there is 2024-03-11 04:30 UTC.
  await closeAs(a.id, seller.id, "Venta cerrada, entregado a Vendedor Dos", "2024-03-11T04:30:00Z");
  await closeAs(b.id, seller.id, "Cliente sin interés", "2024-03-12T15:00:00Z");
  await closeAs(c.id, admin.id, "Duplicado 100% seguro", "2024-03-14T15:00:00Z");
  return { account, admin, seller, seller2, support, editor, conversations: { a, b, c, open } };
}

async function ids(actor: Actor, params: Record<string, string>) {
  const page = await listClosedConversations(conn.db, actor, resolveAuditFilters(params));
  if (!page.ok) throw new Error(page.error);
  return page.rows.map((r) => r.id);
}

describe("audit of closed conversations", () => {
  it("support sees who closed, when, why and the owner after the hand-over, newest close first", async () => {
    const { support, conversations } = await buildAccount();
    const page = await listClosedConversations(conn.db, await actorOf(support.id), resolveAuditFilters({}));
    if (!page.ok) throw new Error(page.error);
    expect(page.rows.map((r) => r.id)).toEqual([conversations.c.id, conversations.b.id, conversations.a.id]);
    expect(page.rows.at(-1)).toMatchObject({
      contactName: "Ana",
      closedByName: "Vendedora",
      ownerName: "Vendedor Dos",
      reason: "Venta cerrada, entregado a Vendedor Dos",
      closedAtLocal: "2024-03-10 23:30:00",
    });
  });

  it("filters by days in the team's time zone, closer, owner and text in the reason", async () => {
    const { admin, seller, seller2, conversations } = await buildAccount();
    const actor = await actorOf(admin.id);
    expect(await ids(actor, { from: "2024-03-11", to: "2024-03-12" })).toEqual([conversations.b.id]);
    expect(await ids(actor, { to: "2024-03-10" })).toEqual([conversations.a.id]);
    expect(await ids(actor, { closedBy: seller.id })).toEqual([conversations.b.id, conversations.a.id]);
    expect(await ids(actor, { owner: seller2.id })).toEqual([conversations.a.id]);
    expect(await ids(actor, { q: "INTERÉS" })).toEqual([conversations.b.id]);
    // LIKE wildcards in the text are literal.
    expect(await ids(actor, { q: "100%" })).toEqual([conversations.c.id]);
    expect(await ids(actor, { q: "_" })).toEqual([]);
    expect(await countClosedConversations(conn.db, actor, resolveAuditFilters({ closedBy: seller.id }))).toBe(2);
    // Unreadable parameters are ignored rather than failing the page.
    expect(await ids(actor, { from: "ayer", closedBy: "nadie" })).toHaveLength(3);
  });

  it("every close stays listed after the customer writes again, marked as reopened, and a second close is a second row", async () => {
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin", name: "Admin" });
    const support = await createUser(conn.db, account.id, { role: "support" });
    const seller = await createUser(conn.db, account.id, { role: "seller", name: "Vendedora" });
    const channel = await createChannel(conn.db, account.id);
    const contact = await createContact(conn.db, account.id, { name: "Ana Ruiz" });
    const conversation = await createConversation(conn.db, account.id, { contactId: contact.id, ownerId: seller.id });
    const sellerActor = await actorOf(seller.id);
    expect(await conn.act(closeConversation, sellerActor, { conversationId: conversation.id, version: 1, reason: "Primera venta", handOverTo: admin.id })).toMatchObject({ ok: true });
    const body = webhookBody(channel.phoneNumberId, [textMessage(contact.waId, "Hola de nuevo")]);
    expect((await handleWebhook(conn.db, Buffer.from(body), signBody(body, channel.appSecret))).status).toBe(200);

    const afterReopen = await listClosedConversations(conn.db, await actorOf(support.id), {});
    if (!afterReopen.ok) throw new Error(afterReopen.error);
    expect(afterReopen.rows).toHaveLength(1);
    expect(afterReopen.rows[0]).toMatchObject({ id: conversation.id, reason: "Primera venta", closedByName: "Vendedora", ownerName: "Admin", closedNow: false });
    expect(afterReopen.rows[0]!.reopenedAt).toBeInstanceOf(Date);

    const [{ version }] = await conn.db.select({ version: conversations.version }).from(conversations).where(eq(conversations.id, conversation.id)) as [{ version: number }];
    expect(await conn.act(closeConversation, await actorOf(admin.id), { conversationId: conversation.id, version, reason: "Segunda consulta resuelta" })).toMatchObject({ ok: true });
    const both = await listClosedConversations(conn.db, await actorOf(support.id), {});
    if (!both.ok) throw new Error(both.error);
    expect(both.rows.map((r) => [r.reason, r.reopenedAt === null, r.closedNow])).toEqual([
      ["Segunda consulta resuelta", true, true],
      ["Primera venta", false, true],
    ]);
    expect(await countClosedConversations(conn.db, await actorOf(admin.id), {})).toBe(2);
    expect(await countClosedConversations(conn.db, await actorOf(admin.id), resolveAuditFilters({ owner: admin.id }))).toBe(2);
  });

  it("close events are append-only: a reopened close can't be rewritten and none can be deleted", async () => {
    const { account } = await buildAccount();
    await conn.db.execute(sql`update conversations set status = 'open', closed_at = null, closed_by_id = null, close_reason = null
      where account_id = ${account.id}`);
    await expect(conn.db.execute(sql`update conversation_closes set reason = 'otra cosa' where account_id = ${account.id}`)).rejects.toThrow();
    await expect(conn.db.execute(sql`delete from conversation_closes where account_id = ${account.id}`)).rejects.toThrow();
    const [row] = await queryRows<{ n: number }>(conn.db, sql`select count(*)::int as n from conversation_closes where account_id = ${account.id} and reopened_at is not null`);
    expect(row!.n).toBe(3);
  });

  it("keyset pagination walks every row once, even with equal close times", async () => {
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    for (let i = 0; i < 7; i++) await createConversation(conn.db, account.id, { ownerId: admin.id, status: "closed" });
    await conn.db.execute(sql`update conversations set closed_at = '2024-05-01T10:00:00.123456Z' where account_id = ${account.id}`);
    const actor = await actorOf(admin.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listClosedConversations(conn.db, actor, {}, cursor, 3);
      if (!page.ok) throw new Error(page.error);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("sellers and editors are refused, and nobody sees another account's closed conversations", async () => {
    const { seller, editor } = await buildAccount();
    const other = await buildAccount();
    expect(await listClosedConversations(conn.db, await actorOf(seller.id), {})).toEqual({ ok: false, error: "forbidden" });
    expect(await listClosedConversations(conn.db, await actorOf(editor.id), {})).toEqual({ ok: false, error: "forbidden" });
    const mine = await ids(await actorOf(other.support.id), { closedBy: seller.id });
    expect(mine).toEqual([]);
    expect(await ids(await actorOf(other.admin.id), {})).toHaveLength(3);
  });

  it("an account without the inbox's plan gets plan_required", async () => {
    const account = await createAccount(conn.db, { plan: "basic", addons: [] });
    const support = await createUser(conn.db, account.id, { role: "support" });
    const actor = await actorOf(support.id);
    expect(denial(actor, "auditCloses")).toBe("plan_required");
    expect(await listClosedConversations(conn.db, actor, {})).toEqual({ ok: false, error: "plan_required" });
  });
});
