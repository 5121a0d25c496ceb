import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, contacts, conversations, historyEntries, opportunities, tasks } from "@/db/schema";
import { createAccount, createActivity, createContact, createConversation, createOpportunity, createTask, createUser } from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";
import { assignmentActions } from "@/lib/assignment/actions";
import type { AssignOneInput } from "@/lib/assignment/input";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

async function setup() {
  const { db } = conn;
  const account = await createAccount(db);
  const admin = await createUser(db, account.id, { role: "admin" });
  const seller1 = await createUser(db, account.id, { role: "seller" });
  const seller2 = await createUser(db, account.id, { role: "seller" });
  const editor = await createUser(db, account.id, { role: "editor" });
  const support = await createUser(db, account.id, { role: "support" });
  const inactive = await createUser(db, account.id, { role: "seller", active: false });
  const contact = await createContact(db, account.id, { ownerId: seller2.id });
  const conversation = await createConversation(db, account.id, { contactId: contact.id, ownerId: seller1.id, unread: false });
  const openDeal = await createOpportunity(db, account.id, contact.id, { ownerId: seller2.id });
  const wonDeal = await createOpportunity(db, account.id, contact.id, { ownerId: seller2.id, status: "won" });
  const pendingActivity = await createActivity(db, account.id, contact.id, { ownerId: seller2.id });
  const doneActivity = await createActivity(db, account.id, contact.id, { ownerId: seller2.id, status: "done" });
  const pendingTask = await createTask(db, account.id, contact.id, { ownerId: seller2.id });
  const doneTask = await createTask(db, account.id, contact.id, { ownerId: seller2.id, status: "done" });
  return {
    account,
    users: { admin, seller1, seller2, editor, support, inactive },
    contact,
    conversation,
    records: { openDeal, wonDeal, pendingActivity, doneActivity, pendingTask, doneTask },
  };
}

const ALL = { contact: true, opportunities: true, activities: true, tasks: true };

async function ownerOf(table: typeof opportunities | typeof activities | typeof tasks, id: string) {
  const [row] = await conn.db.select({ ownerId: table.ownerId }).from(table).where(eq(table.id, id));
  return row?.ownerId;
}

describe("assign one conversation", () => {
  it("admin assigns to a specific user, marks unread and carries open records only, with history", async () => {
    const s = await setup();
    const result = await conn.act(assignmentActions.assignOne, await actorOf(s.users.admin.id), {
      conversationId: s.conversation.id,
      version: s.conversation.version,
      target: { mode: "user", userId: s.users.admin.id },
      markUnread: true,
      transfer: { ...ALL, onlyOpen: true },
    });
    expect(result.ok).toBe(true);
    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, s.conversation.id));
    expect(after?.ownerId).toBe(s.users.admin.id);
    expect(after?.unread).toBe(true);
    expect(after?.version).toBe(s.conversation.version + 1);
    const [contact] = await conn.db.select().from(contacts).where(eq(contacts.id, s.contact.id));
    expect(contact?.ownerId).toBe(s.users.admin.id);
    expect(await ownerOf(opportunities, s.records.openDeal.id)).toBe(s.users.admin.id);
    expect(await ownerOf(opportunities, s.records.wonDeal.id)).toBe(s.users.seller2.id);
    expect(await ownerOf(activities, s.records.pendingActivity.id)).toBe(s.users.admin.id);
    expect(await ownerOf(activities, s.records.doneActivity.id)).toBe(s.users.seller2.id);
    expect(await ownerOf(tasks, s.records.pendingTask.id)).toBe(s.users.admin.id);
    expect(await ownerOf(tasks, s.records.doneTask.id)).toBe(s.users.seller2.id);

    const history = await conn.db
      .select({ kind: historyEntries.kind, data: historyEntries.data, actorId: historyEntries.actorId })
      .from(historyEntries)
      .where(eq(historyEntries.conversationId, s.conversation.id));
    expect(history).toEqual([
      {
        kind: "conversation.assigned",
        actorId: s.users.admin.id,
        data: {
          from: s.users.seller1.id,
          to: s.users.admin.id,
          mode: "user",
          markedUnread: true,
          transferred: { contact: 1, opportunities: 1, activities: 1, tasks: 1 },
        },
      },
    ]);
  });

  it("with 'Solo abiertas y pendientes' off, closed deals and done items move too", async () => {
    const s = await setup();
    const result = await conn.act(assignmentActions.assignOne, await actorOf(s.users.admin.id), {
      conversationId: s.conversation.id,
      version: 1,
      target: { mode: "user", userId: s.users.seller1.id },
      transfer: { ...ALL, onlyOpen: false },
    });
    expect(result).toMatchObject({ ok: true, summary: { transferred: { contact: 1, opportunities: 2, activities: 2, tasks: 2 } } });
    expect(await ownerOf(opportunities, s.records.wonDeal.id)).toBe(s.users.seller1.id);
    expect(await ownerOf(tasks, s.records.doneTask.id)).toBe(s.users.seller1.id);
  });

  it("to the contact's owner: only open deals and pending items move, never the contact", async () => {
    const s = await setup();
    await conn.db.update(opportunities).set({ ownerId: s.users.admin.id }).where(eq(opportunities.contactId, s.contact.id));
    const result = await conn.act(assignmentActions.assignOne, await actorOf(s.users.admin.id), {
      conversationId: s.conversation.id,
      version: 1,
      target: { mode: "contact_owner" },
      transfer: { ...ALL, onlyOpen: false },
    });
    expect(result).toMatchObject({ ok: true, summary: { assigned: [{ userId: s.users.seller2.id, count: 1 }] } });
    expect(await ownerOf(opportunities, s.records.openDeal.id)).toBe(s.users.seller2.id);
    expect(await ownerOf(opportunities, s.records.wonDeal.id)).toBe(s.users.admin.id);
  });

  it("'No asignar' leaves it without owner and moves no record", async () => {
    const s = await setup();
    const result = await conn.act(assignmentActions.assignOne, await actorOf(s.users.seller1.id), {
      conversationId: s.conversation.id,
      version: 1,
      target: { mode: "none" },
      transfer: { ...ALL, onlyOpen: false },
    });
    expect(result).toMatchObject({ ok: true, summary: { assigned: [{ userId: null, count: 1 }] } });
    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, s.conversation.id));
    expect(after?.ownerId).toBeNull();
    expect(await ownerOf(opportunities, s.records.openDeal.id)).toBe(s.users.seller2.id);
    const kinds = await conn.db.select({ kind: historyEntries.kind }).from(historyEntries).where(eq(historyEntries.conversationId, s.conversation.id)).orderBy(historyEntries.id);
    expect(kinds).toEqual([{ kind: "conversation.unassigned" }]);
  });

  it("to its current owner with nothing else to change: no history, no new version, reported unchanged", async () => {
    const s = await setup();
    const before = await snapshotAccount(conn.db, s.account.id);
    const result = await conn.act(assignmentActions.assignOne, await actorOf(s.users.admin.id), {
      conversationId: s.conversation.id,
      version: 1,
      target: { mode: "user", userId: s.users.seller1.id },
    });
    expect(result).toMatchObject({ ok: true, summary: { total: 1, assigned: [], skipped: [{ reason: "unchanged", count: 1 }] } });
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
  });

  it("a seller may give their own conversation away", async () => {
    const s = await setup();
    const result = await conn.act(assignmentActions.assignOne, await actorOf(s.users.seller1.id), {
      conversationId: s.conversation.id,
      version: 1,
      target: { mode: "user", userId: s.users.seller2.id },
    });
    expect(result.ok).toBe(true);
  });
});

describe("assign one conversation: refusals change nothing", () => {
  async function expectRefused(
    s: Awaited<ReturnType<typeof setup>>,
    actorId: string,
    input: AssignOneInput,
    error: string,
  ) {
    const before = await snapshotAccount(conn.db, s.account.id);
    const result = await conn.act(assignmentActions.assignOne, await actorOf(actorId), input);
    expect(result).toEqual({ ok: false, error });
    expect(await snapshotAccount(conn.db, s.account.id)).toEqual(before);
  }
  const base = (s: Awaited<ReturnType<typeof setup>>) => ({
    conversationId: s.conversation.id,
    version: 1,
    transfer: { ...ALL, onlyOpen: false },
    markUnread: true,
  });

  it("a seller on another seller's conversation", async () => {
    const s = await setup();
    await expectRefused(s, s.users.seller2.id, { ...base(s), target: { mode: "user", userId: s.users.seller2.id } }, "not_found");
  });

  it("an editor and support", async () => {
    const s = await setup();
    await expectRefused(s, s.users.editor.id, { ...base(s), target: { mode: "none" } }, "forbidden");
    await expectRefused(s, s.users.support.id, { ...base(s), target: { mode: "none" } }, "forbidden");
  });

  it("another tenant's conversation or another tenant's user as target", async () => {
    const s = await setup();
    const other = await setup();
    await expectRefused(s, s.users.admin.id, { ...base(s), conversationId: other.conversation.id, target: { mode: "none" } }, "not_found");
    await expectRefused(s, s.users.admin.id, { ...base(s), target: { mode: "user", userId: other.users.admin.id } }, "invalid_target");
  });

  it("an inactive user, an editor or support as target", async () => {
    const s = await setup();
    for (const target of [s.users.inactive, s.users.editor, s.users.support]) {
      await expectRefused(s, s.users.admin.id, { ...base(s), target: { mode: "user", userId: target.id } }, "invalid_target");
    }
  });

  it("to the contact's owner when the contact has none", async () => {
    const s = await setup();
    await conn.db.update(contacts).set({ ownerId: null }).where(eq(contacts.id, s.contact.id));
    await expectRefused(s, s.users.admin.id, { ...base(s), target: { mode: "contact_owner" } }, "contact_has_no_owner");
  });

  it("a stale version: somebody changed it meanwhile", async () => {
    const s = await setup();
    await conn.db.update(conversations).set({ version: 2 }).where(and(eq(conversations.id, s.conversation.id)));
    await expectRefused(s, s.users.admin.id, { ...base(s), target: { mode: "none" } }, "conflict");
  });

  it("malformed input", async () => {
    const s = await setup();
    await expectRefused(s, s.users.admin.id, { ...base(s), conversationId: "x", target: { mode: "none" } }, "invalid_input");
    await expectRefused(
      s,
      s.users.admin.id,
      { ...base(s), target: { mode: "user" } as never },
      "invalid_input",
    );
  });

  it("an account without the WhatsApp add-on", async () => {
    const s = await setup();
    const { accountAddons } = await import("@/db/schema");
    await conn.db.delete(accountAddons).where(eq(accountAddons.accountId, s.account.id));
    await expectRefused(s, s.users.admin.id, { ...base(s), target: { mode: "none" } }, "plan_required");
  });
});

describe("concurrent changes", () => {
  it("two assignments of the same conversation at once: one wins, the other is told it changed", async () => {
    const s = await setup();
    const [a, b] = await Promise.all([
      conn.act(assignmentActions.assignOne, await actorOf(s.users.admin.id), { conversationId: s.conversation.id, version: 1, target: { mode: "user", userId: s.users.seller2.id } }),
      conn.act(assignmentActions.assignOne, await actorOf(s.users.admin.id), { conversationId: s.conversation.id, version: 1, target: { mode: "user", userId: s.users.admin.id } }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, error: "conflict" });
    const [after] = await conn.db.select().from(conversations).where(eq(conversations.id, s.conversation.id));
    expect(after?.version).toBe(2);
  });
});
