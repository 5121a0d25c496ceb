import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, historyEntries } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/access/actor";
import { countMatching } from "@/lib/inbox/selection";
import { signBody } from "@/lib/whatsapp/signature";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { createAccount, createContact, createConversation, createGroup, createOpportunity, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";
import { assignmentActions } from "@/lib/assignment/actions";
import { closeConversation } from "@/lib/closing/actions";

// Twenty people (and the customers' webhook) acting at once on the same dozen conversations: on
// PostgreSQL this is real concurrency over a pool of connections; PGlite has one connection, so
// there the same traffic runs interleaved. Either way no race may surface as an error, and the
// history must tell one consistent story per conversation.
const POSTGRES = Boolean(process.env.DATABASE_URL);
const CLIENTS = 20;
const DURATION_MS = POSTGRES ? 8_000 : 3_000;

const conn = useTestDb({ poolSize: CLIENTS + 5 });

/** A small seeded generator, so a failing run can be replayed (the seed is printed). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function setup() {
  const { db } = conn;
  const account = await createAccount(db);
  const admin = await createUser(db, account.id, { role: "admin" });
  const sellers = [];
  for (let i = 0; i < 4; i++) sellers.push(await createUser(db, account.id, { role: "seller" }));
  const group = await createGroup(db, account.id, "Vendedores", sellers.map((s) => s.id));
  const channel = await createChannel(db, account.id);
  const items = [];
  for (let i = 0; i < 12; i++) {
    const contact = await createContact(db, account.id, { ownerId: sellers[i % 4]!.id });
    await createOpportunity(db, account.id, contact.id, { ownerId: admin.id });
    const owner = i % 3 === 0 ? null : sellers[i % 4]!.id;
    const conversation = await createConversation(db, account.id, {
      contactId: contact.id,
      ownerId: owner,
      lastInboundAt: new Date(Date.now() - i * 60_000),
    });
    items.push({ conversation, contact, initialOwner: owner });
  }
  const actors = new Map<string, Actor>();
  for (const user of [admin, ...sellers]) actors.set(user.id, (await loadActor(db, user.id))!);
  return { account, admin, sellers, group, channel, items, actors };
}

type Outcome = { op: string; ok: boolean; error?: string; thrown?: unknown };

describe("conflicting changes from many people at once", () => {
  it(`${CLIENTS} clients for ${DURATION_MS / 1000} s: no race surfaces as an error, and every history entry starts where the previous ended`, { timeout: 120_000 }, async () => {
    const s = await setup();
    const seed = Date.now();
    console.log(`concurrency seed ${seed}`);
    const next = random(seed);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const ids = s.items.map((i) => i.conversation.id);
    const people = [s.admin.id, ...s.sellers.map((u) => u.id)];
    const current = async (id: string) =>
      (await conn.db.select({ version: conversations.version, ownerId: conversations.ownerId, status: conversations.status }).from(conversations).where(eq(conversations.id, id)))[0]!;

    const operations: Record<string, (actor: Actor) => Promise<{ ok: boolean; error?: string }>> = {
      bulkIds: (actor) =>
        conn.act(assignmentActions.assignInBulk, actor, {
          selection: { kind: "ids", ids: ids.filter(() => next() < 0.5).concat(pick(ids)) },
          target: pick([
            { mode: "user", userId: pick(s.sellers).id },
            { mode: "round_robin", pool: { kind: "groups", groupIds: [s.group.id] } },
            { mode: "round_robin", pool: { kind: "users", userIds: [s.sellers[0]!.id, s.sellers[1]!.id] } },
            { mode: "contact_owner" },
            { mode: "none" },
          ] as const),
          transfer: { opportunities: true, activities: true, tasks: true, contact: next() < 0.5 },
        }),
      bulkAll: async (actor) => {
        const params: Record<string, string> = actor.role === "seller" ? { status: "all" } : pick<Record<string, string>>([{ owner: "unassigned" }, { status: "all" }, {}]);
        const { cutoff } = await countMatching(conn.db, actor, params);
        return conn.act(assignmentActions.assignInBulk, actor, {
          selection: { kind: "filter", params, cutoff },
          target: { mode: "user", userId: pick(s.sellers).id },
          transfer: { opportunities: true },
        });
      },
      single: async (actor) => {
        const id = pick(ids);
        const { version } = await current(id);
        return conn.act(assignmentActions.assignOne, actor, { conversationId: id, version, target: pick([{ mode: "user", userId: pick(s.sellers).id }, { mode: "none" }, { mode: "contact_owner" }] as const), transfer: { opportunities: true } });
      },
      close: async (actor) => {
        const id = pick(ids);
        const { version } = await current(id);
        return conn.act(closeConversation, actor, { conversationId: id, version, reason: "Atendido en la prueba", handOverTo: next() < 0.5 ? pick(s.sellers).id : undefined });
      },
      unread: (actor) => conn.act(assignmentActions.markUnread, actor, pick(ids)),
      webhook: async () => {
        const item = pick(s.items);
        const body = webhookBody(s.channel.phoneNumberId, [textMessage(item.contact.waId, "¿Siguen ahí?")]);
        const answer = await handleWebhook(conn.db, Buffer.from(body), signBody(body, s.channel.appSecret));
        return answer.status === 200 ? { ok: true } : { ok: false, error: `status ${answer.status}` };
      },
    };

    const outcomes: Outcome[] = [];
    const deadline = Date.now() + DURATION_MS;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < deadline) {
          const op = pick(Object.keys(operations));
          const actor = s.actors.get(pick(people))!;
          try {
            const result = await operations[op]!(actor);
            outcomes.push({ op, ok: result.ok, error: result.ok ? undefined : result.error });
          } catch (thrown) {
            outcomes.push({ op, ok: false, thrown });
          }
        }
      }),
    );

    const surfaced = outcomes.filter((o) => o.thrown !== undefined || o.error === "unexpected" || o.error === "busy");
    const tally = new Map<string, number>();
    for (const o of outcomes) {
      const key = `${o.op}:${o.ok ? "ok" : (o.error ?? "thrown")}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    console.log(`concurrency: ${outcomes.length} operations (${[...tally].map(([k, n]) => `${k}=${n}`).sort().join(", ")})`);
    const described = (thrown: unknown) => (thrown === undefined ? undefined : `${String(thrown).slice(0, 120)} (${String((thrown as { cause?: unknown }).cause ?? "")})`);
    expect(surfaced.map((o) => ({ op: o.op, error: o.error, thrown: described(o.thrown) }))).toEqual([]);
    // Refusals a person would see are only the expected ones: changed meanwhile, not theirs, and so on.
    const refusals = new Set(outcomes.filter((o) => !o.ok).map((o) => o.error));
    for (const error of refusals) expect(["conflict", "not_found", "contact_has_no_owner"]).toContain(error);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(CLIENTS);

    const history = await conn.db
      .select()
      .from(historyEntries)
      .where(inArray(historyEntries.conversationId, ids))
      .orderBy(asc(historyEntries.id));
    const finals = await conn.db.select({ id: conversations.id, ownerId: conversations.ownerId }).from(conversations).where(inArray(conversations.id, ids));
    const sellerIds = new Set(s.sellers.map((u) => u.id));
    for (const item of s.items) {
      let owner: string | null = item.initialOwner;
      for (const entry of history.filter((h) => h.conversationId === item.conversation.id)) {
        const data = entry.data as { from?: string | null; to?: string | null; owner?: string | null };
        if (entry.kind === "conversation.reopened" && "owner" in data) {
          expect(data.owner ?? null, `reopen #${entry.id}`).toBe(owner);
        } else if (["conversation.assigned", "conversation.unassigned", "conversation.closed"].includes(entry.kind)) {
          expect(data.from ?? null, `${entry.kind} #${entry.id} starts where the previous entry ended`).toBe(owner);
          // A seller's change went through only on a conversation that was theirs when it committed.
          if (entry.actorId && sellerIds.has(entry.actorId)) expect(data.from, `seller's ${entry.kind} #${entry.id}`).toBe(entry.actorId);
          owner = data.to ?? null;
        }
      }
      expect(finals.find((f) => f.id === item.conversation.id)!.ownerId, "the final owner is the last entry's").toBe(owner);
    }
  });
});
