import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, historyEntries, messages } from "@/db/schema";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";
import { assignmentActions } from "@/lib/assignment/actions";
import { closeConversation } from "@/lib/closing/actions";
import { replyToConversation } from "@/lib/messaging/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;
const read = async (id: string) => (await conn.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const historyOf = (id: string) =>
  conn.db.select({ kind: historyEntries.kind, data: historyEntries.data }).from(historyEntries).where(eq(historyEntries.conversationId, id)).orderBy(historyEntries.id);

async function setup() {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin" });
  const seller1 = await createUser(conn.db, account.id, { role: "seller" });
  const seller2 = await createUser(conn.db, account.id, { role: "seller" });
  const support = await createUser(conn.db, account.id, { role: "support" });
  const inactive = await createUser(conn.db, account.id, { role: "seller", active: false });
  const conversation = await createConversation(conn.db, account.id, { ownerId: seller1.id, unread: false });
  return { account, users: { admin, seller1, seller2, support, inactive }, conversation };
}

describe("close a conversation", () => {
  it("records reason, closer and time; without hand-over the closer becomes the owner", async () => {
    const s = await setup();
    const result = await conn.act(closeConversation, await actorOf(s.users.admin.id), {
      conversationId: s.conversation.id,
      version: 1,
      reason: "  Cliente compró el plan anual  ",
    });
    expect(result).toEqual({ ok: true, closed: 1, visible: true });
    const after = await read(s.conversation.id);
    expect(after).toMatchObject({ status: "closed", closedById: s.users.admin.id, closeReason: "Cliente compró el plan anual", ownerId: s.users.admin.id });
    expect(after.closedAt).toBeInstanceOf(Date);
    expect(await historyOf(s.conversation.id)).toEqual([
      {
        kind: "conversation.closed",
        data: { reason: "Cliente compró el plan anual", handOverTo: null, from: s.users.seller1.id, to: s.users.admin.id },
      },
    ]);
  });

  it("a seller closes with a hand-over: the chosen person owns it", async () => {
    const s = await setup();
    const result = await conn.act(closeConversation, await actorOf(s.users.seller1.id), {
      conversationId: s.conversation.id,
      version: 1,
      reason: "Lo atiende mi compañero",
      handOverTo: s.users.seller2.id,
    });
    expect(result.ok).toBe(true);
    expect(await read(s.conversation.id)).toMatchObject({ status: "closed", ownerId: s.users.seller2.id, closedById: s.users.seller1.id });
  });

  it("refuses an empty or oversized reason, an inactive hand-over, support and another seller — changing nothing", async () => {
    const s = await setup();
    const before = await snapshotAccount(conn.db, s.account.id);
    const base = { conversationId: s.conversation.id, version: 1 };
    const admin = await actorOf(s.users.admin.id);
    expect(await conn.act(closeConversation, admin, { ...base, reason: "  " })).toEqual({ ok: false, error: "invalid_input" });
    expect(await conn.act(closeConversation, admin, { ...base, reason: "ok" })).toEqual({ ok: false, error: "invalid_input" });
    expect(await conn.act(closeConversation, admin, { ...base, reason: "x".repeat(1001) })).toEqual({ ok: false, error: "invalid_input" });
    expect(await conn.act(closeConversation, admin, { ...base, reason: "Motivo", handOverTo: s.users.inactive.id })).toEqual({ ok: false, error: "invalid_target" });
    expect(await conn.act(closeConversation, admin, { ...base, reason: "Motivo", handOverTo: s.users.support.id })).toEqual({ ok: false, error: "invalid_target" });
    expect(await conn.act(closeConversation, await actorOf(s.users.support.id), { ...base, reason: "Motivo" })).toEqual({ ok: false, error: "forbidden" });
    expect(await conn.act(closeConversation, await actorOf(s.users.seller2.id), { ...base, reason: "Motivo" })).toEqual({ ok: false, error: "not_found" });
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
  });

  it("closing twice from a stale screen is a conflict", async () => {
    const s = await setup();
    const admin = await actorOf(s.users.admin.id);
    expect((await conn.act(closeConversation, admin, { conversationId: s.conversation.id, version: 1, reason: "Primera vez" })).ok).toBe(true);
    expect(await conn.act(closeConversation, admin, { conversationId: s.conversation.id, version: 1, reason: "Segunda vez" })).toEqual({ ok: false, error: "conflict" });
  });
});

describe("mark as unread, and reading", () => {
  it("marks unread with a history entry; opening it as its owner reads it, as an admin does not", async () => {
    const s = await setup();
    expect(await conn.act(assignmentActions.markUnread, await actorOf(s.users.admin.id), s.conversation.id)).toEqual({ ok: true, marked: 1 });
    expect((await read(s.conversation.id)).unread).toBe(true);
    expect((await historyOf(s.conversation.id)).map((h) => h.kind)).toEqual(["conversation.marked_unread"]);
    await conn.act(assignmentActions.markRead, await actorOf(s.users.admin.id), s.conversation.id);
    expect((await read(s.conversation.id)).unread).toBe(true);
    await conn.act(assignmentActions.markRead, await actorOf(s.users.seller1.id), s.conversation.id);
    expect((await read(s.conversation.id)).unread).toBe(false);
  });

  it("marking an unread conversation unread again changes and records nothing", async () => {
    const s = await setup();
    expect(await conn.act(assignmentActions.markUnread, await actorOf(s.users.admin.id), s.conversation.id)).toEqual({ ok: true, marked: 1 });
    const before = await snapshotAccount(conn.db, s.account.id);
    expect(await conn.act(assignmentActions.markUnread, await actorOf(s.users.admin.id), s.conversation.id)).toEqual({ ok: true, marked: 0 });
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
  });

  it("support and other sellers can't mark it", async () => {
    const s = await setup();
    expect(await conn.act(assignmentActions.markUnread, await actorOf(s.users.support.id), s.conversation.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await conn.act(assignmentActions.markUnread, await actorOf(s.users.seller2.id), s.conversation.id)).toEqual({ ok: false, error: "not_found" });
  });
});

describe("reply", () => {
  it("the owner replies inside the window: stored outbound and sent, the list shows it", async () => {
    const s = await setup();
    const result = await conn.act(replyToConversation, await actorOf(s.users.seller1.id), { conversationId: s.conversation.id, body: "¡Hola! Con gusto." });
    expect(result).toMatchObject({ ok: true, reopened: false });
    const [message] = await conn.db.select().from(messages).where(eq(messages.id, (result as { messageId: string }).messageId));
    expect(message).toMatchObject({ direction: "outbound", status: "sent", body: "¡Hola! Con gusto.", sentById: s.users.seller1.id });
    expect(message?.waMessageId).toMatch(/^wamid\./);
    expect((await read(s.conversation.id)).lastMessagePreview).toBe("¡Hola! Con gusto.");
  });

  it("outside the 24-hour window the reply is refused and nothing is stored", async () => {
    const s = await setup();
    const old = await createConversation(conn.db, s.account.id, {
      ownerId: s.users.seller1.id,
      lastInboundAt: new Date(Date.now() - 25 * 60 * 60 * 1000),
    });
    const before = await snapshotAccount(conn.db, s.account.id);
    expect(await conn.act(replyToConversation, await actorOf(s.users.seller1.id), { conversationId: old.id, body: "Hola" })).toEqual({
      ok: false,
      error: "window_closed",
    });
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
  });

  it("replying to a closed conversation reopens it, with a history entry", async () => {
    const s = await setup();
    const admin = await actorOf(s.users.admin.id);
    await conn.act(closeConversation, admin, { conversationId: s.conversation.id, version: 1, reason: "Resuelto" });
    const result = await conn.act(replyToConversation, admin, { conversationId: s.conversation.id, body: "Una cosa más" });
    expect(result).toMatchObject({ ok: true, reopened: true });
    expect(await read(s.conversation.id)).toMatchObject({ status: "open", closedAt: null, closeReason: null, closedById: null });
    expect((await historyOf(s.conversation.id)).map((h) => h.kind)).toEqual(["conversation.closed", "conversation.reopened"]);
  });

  it("support, another seller and an empty body are refused", async () => {
    const s = await setup();
    const base = { conversationId: s.conversation.id, body: "Hola" };
    expect(await conn.act(replyToConversation, await actorOf(s.users.support.id), base)).toEqual({ ok: false, error: "forbidden" });
    expect(await conn.act(replyToConversation, await actorOf(s.users.seller2.id), base)).toEqual({ ok: false, error: "not_found" });
    expect(await conn.act(replyToConversation, await actorOf(s.users.seller1.id), { ...base, body: "   " })).toEqual({ ok: false, error: "invalid_input" });
  });
});
