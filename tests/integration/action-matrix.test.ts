// The app's own adversarial suite for its entry points: every server action and route handler,
// found on disk (a new one that is not listed here fails the first test), called in-process as the
// browser would call it but with the request gate out of the way.
import { session, useConnection, loadServerActions, routeFiles } from "@/tests/support/actions";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/client";
import { automations } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/access/actor";
import { countMatching } from "@/lib/inbox/selection";
import { signBody } from "@/lib/whatsapp/signature";
import { openTestDb } from "@/tests/support/db";
import { createAccount, createConversation, createGroup, createUser } from "@/tests/support/factories";
import { snapshotTenant } from "@/tests/support/snapshot";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";

let conn: Connection;
let actions: Map<string, (...args: unknown[]) => Promise<unknown>>;
beforeAll(async () => {
  conn = await openTestDb();
  useConnection(conn);
  actions = await loadServerActions();
});
afterAll(async () => {
  await conn.close();
});

type Tenant = Awaited<ReturnType<typeof buildTenant>>;

async function buildTenant(opts: { locked?: boolean } = {}) {
  const { db } = conn;
  const account = await createAccount(db, opts.locked ? { plan: "basic", addons: [] } : {});
  const admin = await createUser(db, account.id, { role: "admin" });
  const seller = await createUser(db, account.id, { role: "seller" });
  const seller2 = await createUser(db, account.id, { role: "seller" });
  const editor = await createUser(db, account.id, { role: "editor" });
  const support = await createUser(db, account.id, { role: "support" });
  const group = await createGroup(db, account.id, `Vendedores ${randomUUID()}`, [seller.id, seller2.id]);
  const channel = await createChannel(db, account.id);
  const [flow] = await db
    .insert(automations)
    .values({ accountId: account.id, name: "Flujo", trigger: "conversation.closed", actions: [{ type: "reply", text: "Gracias" }], signingSecret: "s3cret-signing" })
    .returning();
  const conversation = await createConversation(db, account.id, { ownerId: seller.id });
  const actor = async (id: string) => (await loadActor(db, id))!;
  return {
    account,
    admin,
    seller,
    seller2,
    editor,
    support,
    group,
    channel,
    flow: flow!,
    conversation,
    actors: {
      admin: await actor(admin.id),
      seller: await actor(seller.id),
      editor: await actor(editor.id),
      support: await actor(support.id),
    },
    /** Fresh objects for a cell that will change them. */
    fresh: {
      conversation: (ownerId: string | null) => createConversation(db, account.id, { ownerId }),
      seller: () => createUser(db, account.id, { role: "seller" }),
      group: async () => createGroup(db, account.id, `Grupo ${randomUUID()}`, [(await createUser(db, account.id, { role: "seller" })).id]),
      flow: async () =>
        (
          await db
            .insert(automations)
            .values({ accountId: account.id, name: "Otro flujo", trigger: "conversation.closed", actions: [{ type: "reply", text: "Hola" }], signingSecret: "s3cret-signing" })
            .returning()
        )[0]!,
    },
  };
}

const email = () => `nueva-${randomUUID()}@matriz.test`;
const reply = [{ type: "reply", text: "Gracias por escribir" }];

type Input = unknown;
interface ActionCase {
  /** "read" is the side effect of opening a conversation: it has its own role cells below. */
  area: "inbox" | "read" | "admin" | "automations";
  /** Inputs that name the other tenant's conversations, people, groups or flows, acting as `a`'s admin. */
  foreign: (a: Tenant, b: Tenant) => Promise<Input[]> | Input[];
  /** True when a foreign-looking input is still a valid change of the actor's own account (nothing of `b` in it). */
  foreignMayChangeOwn?: boolean;
  /** Inbox actions on one conversation: a valid input for it. */
  onConversation?: (t: Tenant, conversation: { id: string; version: number }) => Input;
  /** Other actions: a valid input in the actor's own tenant. */
  valid?: (t: Tenant) => Promise<Input> | Input;
}

/** Every server action, by "file from the project root#export". */
const ACTIONS: Record<string, ActionCase | { area: "session"; why: string }> = {
  "lib/actions/inbox.ts#assignConversationAction": {
    area: "inbox",
    foreign: async (a, b) => [
      { conversationId: b.conversation.id, version: 1, target: { mode: "user", userId: a.seller.id } },
      { conversationId: (await a.fresh.conversation(null)).id, version: 1, target: { mode: "user", userId: b.seller.id } },
    ],
    onConversation: (t, c) => ({ conversationId: c.id, version: c.version, target: { mode: "user", userId: t.seller2.id } }),
  },
  "lib/actions/inbox.ts#closeConversationAction": {
    area: "inbox",
    foreign: async (a, b) => [
      { conversationId: b.conversation.id, version: 1, reason: "Cerrada desde otra cuenta" },
      { conversationId: (await a.fresh.conversation(null)).id, version: 1, reason: "Traspaso ajeno", handOverTo: b.seller.id },
    ],
    onConversation: (_t, c) => ({ conversationId: c.id, version: c.version, reason: "Cliente atendido" }),
  },
  "lib/actions/inbox.ts#markUnreadAction": {
    area: "inbox",
    foreign: (_a, b) => [b.conversation.id],
    onConversation: (_t, c) => c.id,
  },
  "lib/actions/inbox.ts#markReadAction": {
    area: "read",
    foreign: (_a, b) => [b.conversation.id],
    onConversation: (_t, c) => c.id,
  },
  "lib/actions/inbox.ts#conversationNameAction": {
    area: "read",
    foreign: (_a, b) => [b.conversation.id],
    onConversation: (_t, c) => c.id,
  },
  "lib/actions/inbox.ts#sendReplyAction": {
    area: "inbox",
    foreign: (_a, b) => [{ conversationId: b.conversation.id, body: "Hola desde otra cuenta" }],
    onConversation: (_t, c) => ({ conversationId: c.id, body: "¡Hola! ¿En qué te ayudo?" }),
  },
  "lib/actions/inbox.ts#countSelectionAction": {
    area: "inbox",
    foreign: (_a, b) => [{ group: b.group.id }, { owner: b.seller.id }],
    valid: () => ({}),
  },
  "lib/actions/inbox.ts#assignBulkAction": {
    area: "inbox",
    foreign: async (a, b) => [
      { selection: { kind: "ids", ids: [b.conversation.id] }, target: { mode: "none" } },
      { selection: { kind: "ids", ids: [(await a.fresh.conversation(null)).id] }, target: { mode: "user", userId: b.seller.id } },
      { selection: { kind: "ids", ids: [(await a.fresh.conversation(null)).id] }, target: { mode: "round_robin", pool: { kind: "groups", groupIds: [b.group.id] } } },
      { selection: { kind: "ids", ids: [(await a.fresh.conversation(null)).id] }, target: { mode: "round_robin", pool: { kind: "users", userIds: [a.seller.id, b.seller.id] } } },
      {
        selection: { kind: "filter", params: { owner: "unassigned" }, cutoff: (await countMatching(conn.db, a.actors.admin, { owner: "unassigned" })).cutoff },
        target: { mode: "user", userId: b.seller.id },
      },
    ],
    onConversation: (_t, c) => ({ selection: { kind: "ids", ids: [c.id] }, target: { mode: "none" } }),
  },
  "lib/actions/settings.ts#createUserAction": {
    area: "admin",
    foreign: () => [{ name: "Persona nueva", email: email(), role: "seller" }],
    foreignMayChangeOwn: true,
    valid: () => ({ name: "Persona nueva", email: email(), role: "seller" }),
  },
  "lib/actions/settings.ts#changeRoleAction": {
    area: "admin",
    foreign: (_a, b) => [{ userId: b.seller.id, role: "editor" }, { userId: b.admin.id, role: "seller" }],
    valid: async (t) => ({ userId: (await t.fresh.seller()).id, role: "editor" }),
  },
  "lib/actions/settings.ts#setUserActiveAction": {
    area: "admin",
    foreign: (_a, b) => [{ userId: b.seller.id, active: false }],
    valid: async (t) => ({ userId: (await t.fresh.seller()).id, active: false }),
  },
  "lib/actions/settings.ts#createGroupAction": {
    area: "admin",
    foreign: () => [{ name: `Grupo ${randomUUID()}` }],
    foreignMayChangeOwn: true,
    valid: () => ({ name: `Grupo ${randomUUID()}` }),
  },
  "lib/actions/settings.ts#renameGroupAction": {
    area: "admin",
    foreign: (_a, b) => [{ groupId: b.group.id, name: "Renombrado desde fuera" }],
    valid: async (t) => ({ groupId: (await t.fresh.group()).id, name: `Renombrado ${randomUUID()}` }),
  },
  "lib/actions/settings.ts#deleteGroupAction": {
    area: "admin",
    foreign: (_a, b) => [{ groupId: b.group.id }],
    valid: async (t) => ({ groupId: (await t.fresh.group()).id }),
  },
  "lib/actions/settings.ts#addGroupMemberAction": {
    area: "admin",
    foreign: (a, b) => [
      { groupId: b.group.id, userId: a.seller.id },
      { groupId: a.group.id, userId: b.seller.id },
    ],
    valid: async (t) => ({ groupId: t.group.id, userId: (await t.fresh.seller()).id }),
  },
  "lib/actions/settings.ts#removeGroupMemberAction": {
    area: "admin",
    foreign: (a, b) => [
      { groupId: b.group.id, userId: b.seller.id },
      { groupId: a.group.id, userId: b.seller.id },
    ],
    valid: async (t) => {
      const seller = await t.fresh.seller();
      const group = await createGroup(conn.db, t.account.id, `Grupo ${randomUUID()}`, [seller.id]);
      return { groupId: group.id, userId: seller.id };
    },
  },
  "lib/actions/settings.ts#changePlanAction": {
    area: "admin",
    foreign: () => [{ plan: "enterprise" }],
    foreignMayChangeOwn: true,
    // The plan the account already has: a valid call that leaves the account as it is.
    valid: (t) => ({ plan: t.account.plan }),
  },
  "lib/actions/settings.ts#setAddonAction": {
    area: "admin",
    foreign: () => [{ addon: "whatsapp", active: true }],
    foreignMayChangeOwn: true,
    valid: (t) => ({ addon: "whatsapp", active: t.account.plan !== "basic" }),
  },
  "lib/actions/settings.ts#createAutomationAction": {
    area: "automations",
    foreign: (_a, b) => [
      { name: "Asignar fuera", trigger: "conversation.opened_by_whatsapp", actions: [{ type: "assign_user", userId: b.seller.id }] },
      { name: "Repartir fuera", trigger: "conversation.opened_by_whatsapp", actions: [{ type: "assign_round_robin", groupId: b.group.id }] },
    ],
    valid: () => ({ name: "Agradecer", trigger: "conversation.closed", actions: reply }),
  },
  "lib/actions/settings.ts#toggleAutomationAction": {
    area: "automations",
    foreign: (_a, b) => [{ id: b.flow.id, active: false }],
    valid: async (t) => ({ id: (await t.fresh.flow()).id, active: false }),
  },
  "lib/actions/settings.ts#deleteAutomationAction": {
    area: "automations",
    foreign: (_a, b) => [b.flow.id],
    valid: async (t) => (await t.fresh.flow()).id,
  },
  "lib/actions/session.ts#signOutAction": { area: "session", why: "ends the caller's own session; tests/e2e/01-auth and tests/integration/sessions" },
  "lib/actions/session.ts#setLocaleAction": { area: "session", why: "sets the caller's language cookie; reads no tenant data" },
  "lib/actions/session.ts#signInAction": { area: "session", why: "before any session: tests/integration/authenticate and tests/e2e/01-auth" },
  "lib/actions/session.ts#changePasswordAction": { area: "session", why: "the caller's own password only: tests/integration/change-password" },
};

/** Every route handler, with what guards it. */
const ROUTES: Record<string, string> = {
  "api/audit/export/route.ts": "session, role, plan and tenant from the database: cells below",
  "api/auth/[...nextauth]/route.ts": "next-auth's own endpoints; sessions are checked against the database on every use (tests/integration/sessions)",
  "api/health/route.ts": "no session and no account data: only whether this instance can serve (tests/integration/health)",
  "api/live/route.ts": "session, role and plan from the database; every event re-checked per person at delivery (cells below and tests/integration/live)",
  "api/live/presence/route.ts": "session, role, plan, and the conversation visible to the caller (cells below)",
  "api/whatsapp/webhook/route.ts": "no session: the HMAC of each named number's secret (cell below and tests/integration/whatsapp-webhook)",
};

type Outcome = { ok: boolean; error?: string };
const call = async (key: string, actor: Actor | null, input: Input): Promise<Outcome> => {
  session.actor = actor;
  try {
    return (await actions.get(key)!(input)) as Outcome;
  } finally {
    session.actor = null;
  }
};
const cases = () => Object.entries(ACTIONS).filter((e): e is [string, ActionCase] => e[1].area !== "session");
const cells = { tenant: 0, role: 0, fuzz: 0 };

describe("the matrix covers the app", () => {
  it("lists every server action (app/ and lib/actions) and every route handler found in app/", async () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
    expect(routeFiles()).toEqual(Object.keys(ROUTES).sort());
  });
});

describe("tenant × action: another account's ids change nothing there", () => {
  it("every action, with every kind of foreign id, as the other account's admin and seller", { timeout: 120_000 }, async () => {
    const a = await buildTenant();
    const b = await buildTenant();
    for (const [key, spec] of cases()) {
      for (const input of await spec.foreign(a, b)) {
        for (const actor of spec.area === "inbox" ? [a.actors.admin, a.actors.seller] : [a.actors.admin]) {
          const [ownBefore, theirsBefore] = await Promise.all([snapshotTenant(conn.db, a.account.id), snapshotTenant(conn.db, b.account.id)]);
          const result = await call(key, actor, input);
          const label = `${key} as ${actor.role} with ${JSON.stringify(input)}`;
          cells.tenant++;
          expect(await snapshotTenant(conn.db, b.account.id), label).toEqual(theirsBefore);
          if (key.endsWith("#countSelectionAction")) {
            // Naming another account's group or person counts exactly as naming one that doesn't exist.
            const nobody = Object.fromEntries(Object.keys(input as object).map((k) => [k, randomUUID()]));
            const baseline = (await call(key, actor, nobody)) as Outcome & { count?: number };
            expect(result, label).toMatchObject({ ok: true, count: baseline.count });
          } else if (!spec.foreignMayChangeOwn) {
            expect(result.ok, label).toBe(false);
            expect(["not_found", "invalid_target", "forbidden", "invalid_input"], label).toContain(result.error);
            expect(await snapshotTenant(conn.db, a.account.id), label).toEqual(ownBefore);
          } else {
            expect(result.error, label).not.toBe("unexpected");
          }
        }
      }
    }
  });

  it("the CSV export lists only the caller's account, whatever person it names", async () => {
    const a = await buildTenant();
    const b = await buildTenant();
    const { GET } = await import("@/app/api/audit/export/route");
    await call("lib/actions/inbox.ts#closeConversationAction", b.actors.admin, { conversationId: b.conversation.id, version: 1, reason: "Cierre de la otra cuenta" });
    for (const query of ["", `?closedBy=${b.admin.id}`, `?owner=${b.admin.id}`, "?q=otra"]) {
      session.actor = a.actors.admin;
      const response = await GET(new Request(`http://turno.test/api/audit/export${query}`));
      session.actor = null;
      cells.tenant++;
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain("Cierre de la otra cuenta");
    }
  });

  it("a delivery signed with one account's secret can't write to another account's number", async () => {
    const a = await buildTenant();
    const b = await buildTenant();
    const { POST } = await import("@/app/api/whatsapp/webhook/route");
    const body = webhookBody(b.channel.phoneNumberId, [textMessage("573001234567", "Mensaje colado")]);
    const before = await snapshotTenant(conn.db, b.account.id);
    const response = await POST(
      new Request("http://turno.test/api/whatsapp/webhook", { method: "POST", body, headers: { "x-hub-signature-256": signBody(body, a.channel.appSecret) } }),
    );
    cells.tenant++;
    expect(response.status).toBe(401);
    expect(await snapshotTenant(conn.db, b.account.id)).toEqual(before);
  });
});

describe("role × action × whose conversation", () => {
  const expectedInbox = (role: string, locked: boolean, whose: "own" | "other" | "unassigned") => {
    if (locked) return "plan_required";
    if (role === "editor" || role === "support") return "forbidden";
    if (role === "seller" && whose !== "own") return "not_found";
    return "ok";
  };

  it("inbox actions: admin any, seller own, editor and support never, locked plan never (before any id)", { timeout: 120_000 }, async () => {
    const open = await buildTenant();
    const locked = await buildTenant({ locked: true });
    for (const [key, spec] of cases().filter(([, s]) => s.area === "inbox")) {
      for (const t of [open, locked]) {
        for (const role of ["admin", "seller", "editor", "support"] as const) {
          const targets = spec.onConversation ? (["own", "other", "unassigned"] as const) : (["own"] as const);
          for (const whose of targets) {
            const input = spec.onConversation
              ? spec.onConversation(t, await t.fresh.conversation(whose === "own" ? t.seller.id : whose === "other" ? t.seller2.id : null))
              : await spec.valid!(t);
            const before = await snapshotTenant(conn.db, t.account.id);
            const result = await call(key, t.actors[role], input);
            const expected = expectedInbox(role, t === locked, whose);
            const label = `${key} as ${role}${t === locked ? " (locked plan)" : ""} on ${whose}`;
            cells.role++;
            if (expected === "ok") expect(result, label).toMatchObject({ ok: true });
            else {
              expect(result, label).toEqual({ ok: false, error: expected });
              expect(await snapshotTenant(conn.db, t.account.id), label).toEqual(before);
            }
          }
        }
      }
    }
  });

  it("plan and role come before the input: a locked account hears plan_required, support forbidden, even for garbage", async () => {
    const open = await buildTenant();
    const locked = await buildTenant({ locked: true });
    for (const [key] of cases().filter(([, s]) => s.area === "inbox")) {
      for (const input of [undefined, null, "no-es-un-id", { conversationId: "x" }, 42]) {
        cells.role += 3;
        expect(await call(key, locked.actors.admin, input), key).toEqual({ ok: false, error: "plan_required" });
        expect(await call(key, open.actors.support, input), key).toEqual({ ok: false, error: "forbidden" });
        expect(await call(key, open.actors.editor, input), key).toEqual({ ok: false, error: "forbidden" });
      }
    }
  });

  it("opening reads it only for its owner; others who may see it change nothing, the rest are refused", async () => {
    const open = await buildTenant();
    const locked = await buildTenant({ locked: true });
    const key = "lib/actions/inbox.ts#markReadAction";
    const unread = async (t: Tenant, ownerId: string | null, status: "open" | "closed" = "open") =>
      (await createConversation(conn.db, t.account.id, { ownerId, unread: true, status })).id;
    const cases: [string, Actor, () => Promise<string>, Outcome & { read?: boolean }][] = [
      ["owner", open.actors.seller, () => unread(open, open.seller.id), { ok: true, read: true }],
      ["admin on a seller's", open.actors.admin, () => unread(open, open.seller.id), { ok: true, read: false }],
      ["seller on another's", open.actors.seller, () => unread(open, open.seller2.id), { ok: false, error: "not_found" }],
      ["support on an open one", open.actors.support, () => unread(open, open.seller.id), { ok: false, error: "not_found" }],
      ["support on a closed one", open.actors.support, () => unread(open, open.seller.id, "closed"), { ok: true, read: false }],
      ["editor", open.actors.editor, () => unread(open, open.editor.id), { ok: false, error: "forbidden" }],
      ["locked plan", locked.actors.seller, () => unread(locked, locked.seller.id), { ok: false, error: "plan_required" }],
    ];
    for (const [label, actor, make, expected] of cases) {
      const id = await make();
      const before = await snapshotTenant(conn.db, actor.accountId);
      cells.role++;
      expect(await call(key, actor, id), label).toEqual(expected);
      if (!(expected as { read?: boolean }).read) expect(await snapshotTenant(conn.db, actor.accountId), label).toEqual(before);
    }
  });

  it("a live notice's name: only for a conversation the person may see now", async () => {
    const open = await buildTenant();
    const locked = await buildTenant({ locked: true });
    const key = "lib/actions/inbox.ts#conversationNameAction";
    const mine = await createConversation(conn.db, open.account.id, { ownerId: open.seller.id, contactName: "Ana Ruiz" });
    const theirs = await createConversation(conn.db, open.account.id, { ownerId: open.seller2.id });
    const table: [string, Actor, string, Outcome & { name?: string }][] = [
      ["owner", open.actors.seller, mine.id, { ok: true, name: "Ana Ruiz" }],
      ["admin", open.actors.admin, theirs.id, { ok: true, name: expect.any(String) as unknown as string }],
      ["seller on another's", open.actors.seller, theirs.id, { ok: false, error: "not_found" }],
      ["support on an open one", open.actors.support, mine.id, { ok: false, error: "not_found" }],
      ["editor", open.actors.editor, mine.id, { ok: false, error: "forbidden" }],
      ["locked plan", locked.actors.admin, locked.conversation.id, { ok: false, error: "plan_required" }],
    ];
    for (const [label, actor, id, expected] of table) {
      cells.role++;
      expect(await call(key, actor, id), label).toEqual(expected);
    }
  });

  it("settings and automations: the account's admins only; automations also need the plan", { timeout: 120_000 }, async () => {
    const open = await buildTenant();
    const locked = await buildTenant({ locked: true });
    for (const [key, spec] of cases().filter(([, s]) => s.area === "admin" || s.area === "automations")) {
      for (const t of [open, locked]) {
        for (const role of ["admin", "seller", "editor", "support"] as const) {
          const input = await spec.valid!(t);
          const before = await snapshotTenant(conn.db, t.account.id);
          const result = await call(key, t.actors[role], input);
          // One rule for every permission: the plan first, whoever asks, then the role.
          const expected = spec.area === "automations" && t === locked ? "plan_required" : role !== "admin" ? "forbidden" : "ok";
          const label = `${key} as ${role}${t === locked ? " (locked plan)" : ""}`;
          cells.role++;
          if (expected === "ok") expect(result, label).toMatchObject({ ok: true });
          else {
            expect(result, label).toEqual({ ok: false, error: expected });
            expect(await snapshotTenant(conn.db, t.account.id), label).toEqual(before);
          }
        }
      }
    }
  });

  it("signed out, every action answers unauthenticated and changes nothing", async () => {
    const t = await buildTenant();
    for (const [key, spec] of cases()) {
      const input = spec.onConversation ? spec.onConversation(t, t.conversation) : await spec.valid!(t);
      const before = await snapshotTenant(conn.db, t.account.id);
      cells.role++;
      expect(await call(key, null, input), key).toEqual({ ok: false, error: "unauthenticated" });
      expect(await snapshotTenant(conn.db, t.account.id)).toEqual(before);
    }
  });

  it("the live stream and presence: the inbox's people on the plan, their own conversations only", async () => {
    const open = await buildTenant();
    const other = await buildTenant();
    const locked = await buildTenant({ locked: true });
    const { GET } = await import("@/app/api/live/route");
    const { POST } = await import("@/app/api/live/presence/route");
    const streamStatus = async (actor: Actor | null) => {
      session.actor = actor;
      const abort = new AbortController();
      try {
        const response = await GET(new Request("http://turno.test/api/live", { signal: abort.signal }));
        await response.body?.cancel();
        return response.status;
      } finally {
        abort.abort();
        session.actor = null;
      }
    };
    const presenceStatus = async (actor: Actor | null, conversationId: unknown) => {
      session.actor = actor;
      try {
        const body = JSON.stringify({ conversationId, state: "viewing" });
        return (await POST(new Request("http://turno.test/api/live/presence", { method: "POST", body }))).status;
      } finally {
        session.actor = null;
      }
    };
    const cases: [string, () => Promise<number>, number][] = [
      ["stream, admin", () => streamStatus(open.actors.admin), 200],
      ["stream, seller", () => streamStatus(open.actors.seller), 200],
      ["stream, support", () => streamStatus(open.actors.support), 200],
      ["stream, editor", () => streamStatus(open.actors.editor), 403],
      ["stream, locked plan", () => streamStatus(locked.actors.admin), 402],
      ["stream, signed out", () => streamStatus(null), 401],
      ["presence, owner", () => presenceStatus(open.actors.seller, open.conversation.id), 204],
      ["presence, another account's conversation", () => presenceStatus(open.actors.admin, other.conversation.id), 404],
      ["presence, a seller on another's", async () => presenceStatus(open.actors.seller, (await open.fresh.conversation(open.seller2.id)).id), 404],
      ["presence, garbage", () => presenceStatus(open.actors.admin, "\u0000"), 400],
      ["presence, editor", () => presenceStatus(open.actors.editor, open.conversation.id), 403],
      ["presence, locked plan", () => presenceStatus(locked.actors.admin, locked.conversation.id), 402],
      ["presence, signed out", () => presenceStatus(null, open.conversation.id), 401],
    ];
    for (const [label, run, status] of cases) {
      cells.tenant++;
      expect(await run(), label).toBe(status);
    }
  });

  it("the CSV export: support and admins on the plan; sellers, editors and signed-out people refused", async () => {
    const open = await buildTenant();
    const locked = await buildTenant({ locked: true });
    const { GET } = await import("@/app/api/audit/export/route");
    const statusAs = async (actor: Actor | null) => {
      session.actor = actor;
      try {
        return (await GET(new Request("http://turno.test/api/audit/export"))).status;
      } finally {
        session.actor = null;
      }
    };
    const expected: [Actor | null, number][] = [
      [open.actors.admin, 200],
      [open.actors.support, 200],
      [open.actors.seller, 403],
      [open.actors.editor, 403],
      [locked.actors.support, 402],
      [null, 401],
    ];
    for (const [actor, status] of expected) {
      cells.role++;
      expect(await statusAs(actor), actor?.role ?? "signed out").toBe(status);
    }
  });
});

// Nasty values for any field: unstorable text, sizes, numbers at the edges, wrong types, other ids.
const NASTY: unknown[] = [
  "", " ", "\u0000", "a\u0000b", "\ud800", "x\udfffy", "x".repeat(5_000), "2024-13-45", "2024-99-99 99:99:99+00", "0000-01-01",
  "99999-01-01", "5:3:", "'; drop table users; --", "%", "_", "\\", "00000000-0000-0000-0000-000000000000", randomUUID(),
  -1, 0, 1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, false,
  [], {}, [null], { __proto__: { polluted: true } }, { constructor: "x" },
];
const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

/** Values around a valid input: each field kept, dropped or replaced by something nasty, at every depth. */
function around(value: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) {
    return fc.oneof({ weight: 3, arbitrary: fc.tuple(...value.map(around)) }, { weight: 1, arbitrary: fc.array(nasty, { maxLength: 3 }) });
  }
  if (value && typeof value === "object") {
    const fields = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, around(v)]));
    return fc.oneof({ weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: nasty });
  }
  return fc.oneof({ weight: 2, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: nasty });
}

describe("fuzzed inputs", () => {
  it("no action fails unexpectedly or throws, and every refusal leaves both accounts as they were", { timeout: 240_000 }, async () => {
    const a = await buildTenant();
    const b = await buildTenant();
    const seed = Date.now() % 2 ** 31;
    console.log(`action fuzz seed ${seed}`);
    const runs = process.env.DATABASE_URL ? 25 : 20;
    const failures: string[] = [];
    for (const [key, spec] of cases()) {
      const sample = spec.onConversation ? spec.onConversation(a, await a.fresh.conversation(a.seller.id)) : await spec.valid!(a);
      await fc.assert(
        fc.asyncProperty(around(sample), fc.constantFrom(a.actors.admin, a.actors.seller), async (input, actor) => {
          const [ownBefore, theirsBefore] = await Promise.all([snapshotTenant(conn.db, a.account.id), snapshotTenant(conn.db, b.account.id)]);
          let result: Outcome;
          try {
            result = await call(key, actor, input);
          } catch (error) {
            failures.push(`${key} threw ${String(error)} for ${JSON.stringify(input)}`);
            return;
          }
          cells.fuzz++;
          if (typeof result?.ok !== "boolean" || result.error === "unexpected" || result.error === "busy") {
            failures.push(`${key} answered ${JSON.stringify(result)} for ${JSON.stringify(input)}`);
          }
          expect(await snapshotTenant(conn.db, b.account.id), key).toEqual(theirsBefore);
          if (!result.ok) expect(await snapshotTenant(conn.db, a.account.id), `${key} refused ${JSON.stringify(input)}`).toEqual(ownBefore);
        }),
        { numRuns: runs, seed },
      );
    }
    expect(failures).toEqual([]);
  });

  it("the CSV export never answers 5xx, whatever the query says", async () => {
    const t = await buildTenant();
    const { GET } = await import("@/app/api/audit/export/route");
    const value = fc.oneof(fc.constantFrom(...NASTY.filter((v) => typeof v === "string")), fc.string({ unit: "binary", maxLength: 20 }), fc.uuid());
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("from", "to", "closedBy", "owner", "q", "cursor", "x"), value as fc.Arbitrary<string>), async (params) => {
        session.actor = t.actors.admin;
        try {
          const url = new URL("http://turno.test/api/audit/export");
          for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
          const response = await GET(new Request(url));
          cells.fuzz++;
          expect(response.status, url.search).toBe(200);
          await response.text();
        } finally {
          session.actor = null;
        }
      }),
      { numRuns: 40 },
    );
  });

  afterAll(() => {
    console.log(`matrix cells: tenant ${cells.tenant}, role ${cells.role}, fuzz ${cells.fuzz}`);
  });
});
