// The live inbox's delivery rules, end to end through the database: a change commits, the
// trigger publishes, this instance's hub hears it and decides, per open screen, what to say.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { assignmentActions } from "@/lib/assignment/actions";
import { revokeSession } from "@/lib/auth/revoke-session";
import { closeConversation } from "@/lib/closing/actions";
import type { LiveEvent } from "@/lib/live/events";
import { LiveHub } from "@/lib/live/hub";
import { mayView, visibleConversations } from "@/lib/access/visibility";
import { loadActors } from "@/lib/access/actor";
import { conversations } from "@/db/schema";
import { publishPresence } from "@/lib/live/presence";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { signBody } from "@/lib/whatsapp/signature";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";

const conn = useTestDb();
let hub: LiveHub;
beforeAll(() => {
  hub = new LiveHub(conn);
});
afterAll(() => hub.close());

/** An open screen: what it received, and whether its stream was ended. */
async function screen(actor: Actor, openId: string | null = null) {
  const seen: LiveEvent[] = [];
  const state = { ended: false };
  // PostgreSQL delivers the notices of the fixtures just made a moment after their commit: let them pass first.
  await new Promise((r) => setTimeout(r, 250));
  const stop = await hub.subscribe(
    {
      userId: actor.userId,
      accountId: actor.accountId,
      session: { sessionId: randomUUID(), signedInAt: new Date(Date.now() - 1000).toISOString() },
      openId,
      send: (event) => seen.push(event),
      ping: () => {},
      end: () => {
        state.ended = true;
      },
    },
    actor,
  );
  return { seen, state, stop };
}

async function until(check: () => boolean, what: string, ms = 4_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
/** Long enough for anything published to have been delivered (deliveries coalesce for 150 ms). */
const settle = () => new Promise((r) => setTimeout(r, 600));

async function team(opts: { locked?: boolean } = {}) {
  const account = await createAccount(conn.db, opts.locked ? { plan: "basic", addons: [] } : {});
  const make = async (role: "admin" | "seller" | "support" | "editor", name: string) =>
    conn.actorOf((await createUser(conn.db, account.id, { role, name })).id);
  return {
    account,
    admin: await make("admin", "Laura Gómez"),
    ana: await make("seller", "Ana Vendedora"),
    bruno: await make("seller", "Bruno Vendedor"),
    support: await make("support", "Sofía Soporte"),
    editor: await make("editor", "Elena Editora"),
  };
}

describe("live delivery", () => {
  it("a reassignment reaches the admin and the new owner, and tells the old owner in place — never more", async () => {
    const t = await team();
    const conversation = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId });
    const admin = await screen(t.admin);
    const ana = await screen(t.ana, conversation.id);
    const bruno = await screen(t.bruno);
    const editor = await screen(t.editor);
    const support = await screen(t.support);

    const result = await conn.act(assignmentActions.assignOne, t.admin, {
      conversationId: conversation.id,
      version: conversation.version,
      target: { mode: "user", userId: t.bruno.userId },
    });
    expect(result.ok).toBe(true);
    await until(() => bruno.seen.length >= 2 && ana.seen.length >= 1 && admin.seen.length >= 1, "deliveries");
    await settle();
    expect(admin.seen).toEqual([{ type: "changed", ids: [conversation.id] }]);
    expect(bruno.seen).toEqual([
      { type: "changed", ids: [conversation.id] },
      { type: "assigned", id: conversation.id },
    ]);
    // Ana's list loses it and her open screen says so; she is never sent it as "changed" again.
    expect(ana.seen).toEqual([{ type: "lost", id: conversation.id }, { type: "refresh" }]);
    expect(editor.seen).toEqual([]);
    expect(support.seen).toEqual([]);

    // After the move, a customer message on it reaches Bruno and the admin, not Ana.
    ana.seen.length = 0;
    const channel = await createChannel(conn.db, t.account.id);
    const phone = (await conn.db.query.contacts.findFirst({ where: (c, { eq }) => eq(c.id, conversation.contactId) }))!.waId;
    const body = webhookBody(channel.phoneNumberId, [textMessage(phone, "¿Siguen ahí?")]);
    expect((await handleWebhook(conn.db, Buffer.from(body), signBody(body, channel.appSecret))).status).toBe(200);
    await until(() => bruno.seen.length >= 3, "the message");
    await settle();
    expect(bruno.seen.at(-1)).toEqual({ type: "changed", ids: [conversation.id] });
    expect(ana.seen).toEqual([]);
    for (const s of [admin, ana, bruno, editor, support]) s.stop();
  });

  it("whoever gives their own open conversation away is not told it was lost: their action takes them back", async () => {
    const t = await team();
    const conversation = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId });
    const ana = await screen(t.ana, conversation.id);
    const result = await conn.act(assignmentActions.assignOne, t.ana, {
      conversationId: conversation.id,
      version: conversation.version,
      target: { mode: "user", userId: t.bruno.userId },
    });
    expect(result).toMatchObject({ ok: true, visible: false });
    await until(() => ana.seen.length > 0, "the refresh");
    await settle();
    expect(ana.seen).toEqual([{ type: "refresh" }]);
    ana.stop();
  });

  it("support hears of a conversation once it is closed, and not before", async () => {
    const t = await team();
    const conversation = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId, unread: false });
    const support = await screen(t.support);
    const admin = await screen(t.admin);
    expect(await conn.act(assignmentActions.markUnread, t.ana, conversation.id)).toMatchObject({ ok: true, marked: 1 });
    await until(() => admin.seen.length > 0, "the admin to hear it");
    await settle();
    expect(support.seen).toEqual([]);
    admin.stop();
    await conn.act(closeConversation, t.ana, { conversationId: conversation.id, version: conversation.version, reason: "Cliente atendido" });
    await until(() => support.seen.length > 0, "the close");
    expect(support.seen).toEqual([{ type: "changed", ids: [conversation.id] }]);
    support.stop();
  });

  it("an account without the plan hears nothing, and no account hears another's", async () => {
    const locked = await team({ locked: true });
    const other = await team();
    const lockedConversation = await createConversation(conn.db, locked.account.id, { ownerId: locked.ana.userId });
    const lockedAdmin = await screen(locked.admin);
    const otherAdmin = await screen(other.admin);
    await conn.db.transaction(async (tx) => {
      const { recordHistory } = await import("@/lib/history/record");
      await recordHistory(tx, locked.account.id, locked.admin, [
        { conversationId: lockedConversation.id, kind: "conversation.marked_unread", data: {} },
      ]);
    });
    await settle();
    expect(lockedAdmin.seen).toEqual([]);
    expect(otherAdmin.seen).toEqual([]);
    lockedAdmin.stop();
    otherAdmin.stop();
  });

  it("a bulk over many conversations reaches each screen as one refresh", async () => {
    const t = await team();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await createConversation(conn.db, t.account.id, { ownerId: null })).id);
    const admin = await screen(t.admin);
    const bruno = await screen(t.bruno);
    const result = await conn.act(assignmentActions.assignInBulk, t.admin, {
      selection: { kind: "ids", ids },
      target: { mode: "user", userId: t.bruno.userId },
    });
    expect(result.ok).toBe(true);
    await until(() => admin.seen.length > 0 && bruno.seen.length > 0, "the bulk");
    await settle();
    expect(admin.seen).toEqual([{ type: "refresh" }]);
    expect(bruno.seen).toEqual([{ type: "refresh" }]);
    admin.stop();
    bruno.stop();
  });

  it("a signed-out session's stream ends at its next delivery and receives nothing", async () => {
    const t = await team();
    const conversation = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId, unread: false });
    const sessionId = randomUUID();
    const seen: LiveEvent[] = [];
    let ended = false;
    const stop = await hub.subscribe({
      userId: t.admin.userId,
      accountId: t.account.id,
      session: { sessionId, signedInAt: new Date(Date.now() - 1000).toISOString() },
      openId: null,
      send: (event) => seen.push(event),
      ping: () => {},
      end: () => {
        ended = true;
      },
    }, t.admin);
    await revokeSession(conn.db, t.admin, sessionId);
    expect(await conn.act(assignmentActions.markUnread, t.ana, conversation.id)).toMatchObject({ ok: true, marked: 1 });
    await until(() => ended, "the stream to end");
    expect(seen).toEqual([]);
    stop();
  });

  it("presence reaches the others on the same conversation only", async () => {
    const t = await team();
    const conversation = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId });
    const elsewhere = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId });
    const ana = await screen(t.ana, conversation.id);
    const adminElsewhere = await screen(t.admin, elsewhere.id);
    const other = await team();
    const stranger = await screen(other.admin, conversation.id);
    await publishPresence(conn.db, t.admin, conversation.id, "typing");
    await until(() => ana.seen.length > 0, "presence");
    await settle();
    expect(ana.seen).toEqual([{ type: "presence", userId: t.admin.userId, name: "Laura Gómez", state: "typing" }]);
    expect(adminElsewhere.seen).toEqual([]);
    expect(stranger.seen).toEqual([]);
    for (const s of [ana, adminElsewhere, stranger]) s.stop();
  });

  it("the live rule for a row read once agrees with the query rule, for every role", async () => {
    const t = await team();
    const other = await team();
    const rows = [
      await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId }),
      await createConversation(conn.db, t.account.id, { ownerId: t.bruno.userId, status: "closed", closedById: t.admin.userId }),
      await createConversation(conn.db, t.account.id, { ownerId: null }),
      await createConversation(conn.db, other.account.id, { ownerId: other.ana.userId }),
    ];
    const ids = rows.map((r) => r.id);
    const states = await conn.db.select().from(conversations);
    for (const actor of [t.admin, t.ana, t.bruno, t.support, t.editor]) {
      const byQuery = (
        await conn.db
          .select({ id: conversations.id })
          .from(conversations)
          .where(visibleConversations(actor))
      ).map((r) => r.id).filter((id) => ids.includes(id));
      const byRow = states.filter((c) => ids.includes(c.id) && mayView(actor, c)).map((c) => c.id);
      expect(byRow.sort(), actor.role).toEqual(byQuery.sort());
    }
  });

  it("many sessions re-read in one statement: a signed-out or deactivated one is null, the rest as loadActor", async () => {
    const t = await team();
    const sessions = [t.admin, t.ana, t.bruno].map((a) => ({ userId: a.userId, sessionId: randomUUID(), signedInAt: new Date(Date.now() - 1000).toISOString() }));
    await revokeSession(conn.db, t.ana, sessions[1]!.sessionId);
    const actors = await loadActors(conn.db, sessions);
    expect(actors.map((a) => a?.userId ?? null)).toEqual([t.admin.userId, null, t.bruno.userId]);
    expect(actors[0]).toEqual(t.admin);
  });

  it("a notice too big for NOTIFY becomes one refresh, and the change still commits", async () => {
    const t = await team();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await createConversation(conn.db, t.account.id, { ownerId: null })).id);
    const admin = await screen(t.admin);
    const { recordHistory } = await import("@/lib/history/record");
    // 50 conversations, each from a different person to a different person: far past 8,000 bytes if named.
    await conn.db.transaction((tx) =>
      recordHistory(
        tx,
        t.account.id,
        t.admin,
        ids.map((id) => ({ conversationId: id, kind: "conversation.assigned" as const, data: { from: randomUUID(), to: randomUUID() } })),
      ),
    );
    await until(() => admin.seen.length > 0, "the refresh");
    await settle();
    expect(admin.seen).toEqual([{ type: "refresh" }]);
    // And a group change naming hundreds of people commits (its members never go into the notice).
    await conn.db.transaction((tx) =>
      recordHistory(tx, t.account.id, t.admin, [
        { conversationId: null, kind: "group.changed", data: { change: "deleted", from: { members: Array.from({ length: 300 }, () => randomUUID()) } } },
      ]),
    );
    admin.stop();
  });

  it("a seller whose role changes loses the inbox: their stream ends", async () => {
    const t = await team();
    const ana = await screen(t.ana);
    const { accountActions } = await import("@/lib/admin/actions");
    expect(await conn.act(accountActions.changeRole, t.admin, { userId: t.ana.userId, role: "editor" })).toMatchObject({ ok: true });
    await until(() => ana.state.ended, "Ana's stream to end");
    expect(ana.seen).toEqual([]);
    ana.stop();
  });

  it("changing one's own other conversation in the same moment still shows 'lost' for the one taken away", async () => {
    const t = await team();
    const taken = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId });
    const mine = await createConversation(conn.db, t.account.id, { ownerId: t.ana.userId, unread: false });
    const ana = await screen(t.ana, taken.id);
    await Promise.all([
      conn.act(assignmentActions.markUnread, t.ana, mine.id),
      conn.act(assignmentActions.assignOne, t.admin, { conversationId: taken.id, version: taken.version, target: { mode: "user", userId: t.bruno.userId } }),
    ]);
    await until(() => ana.seen.some((e) => e.type === "lost"), "the lost notice");
    expect(ana.seen[0]).toEqual({ type: "lost", id: taken.id });
    ana.stop();
  });
});
