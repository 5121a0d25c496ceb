import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, conversations, historyEntries, opportunities, tasks, users } from "@/db/schema";
import { createAccount, createActivity, createContact, createConversation, createOpportunity, createTask, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

// History and the owners of deals, activities and tasks are checked per statement by triggers
// rather than row-level foreign keys (bulk assignment writes 100,000 of them at once). These are
// the guarantees the foreign keys gave, asked of the database directly.

const conn = useTestDb();

async function twoTenants() {
  const mine = await createAccount(conn.db);
  const theirs = await createAccount(conn.db);
  const admin = await createUser(conn.db, mine.id, { role: "admin" });
  const stranger = await createUser(conn.db, theirs.id, { role: "admin" });
  const conversation = await createConversation(conn.db, mine.id);
  const foreign = await createConversation(conn.db, theirs.id);
  return { mine, theirs, admin, stranger, conversation, foreign };
}

const countEntries = async (accountId: string) =>
  (await conn.db.select().from(historyEntries).where(eq(historyEntries.accountId, accountId))).length;

describe("history entries point only at rows of their own account", () => {
  it("refuses a conversation, an actor or an account that is not there, and writes nothing of the statement", async () => {
    const { mine, admin, stranger, conversation, foreign } = await twoTenants();
    const good = { accountId: mine.id, conversationId: conversation.id, actorId: admin.id, kind: "conversation.assigned" };

    await expect(
      conn.db.insert(historyEntries).values([good, { ...good, conversationId: foreign.id }]),
    ).rejects.toThrow();
    await expect(conn.db.insert(historyEntries).values([good, { ...good, actorId: stranger.id }])).rejects.toThrow();
    await expect(
      conn.db.insert(historyEntries).values({ ...good, accountId: "00000000-0000-4000-8000-000000000000", conversationId: null, actorId: null }),
    ).rejects.toThrow();
    expect(await countEntries(mine.id)).toBe(0);

    await conn.db.insert(historyEntries).values([good, { ...good, actorId: null }, { ...good, conversationId: null }]);
    expect(await countEntries(mine.id)).toBe(3);
  });

  it("checks every account of a statement that writes to several", async () => {
    const { mine, theirs, admin, stranger, conversation, foreign } = await twoTenants();
    await conn.db.insert(historyEntries).values([
      { accountId: mine.id, conversationId: conversation.id, actorId: admin.id, kind: "conversation.assigned" },
      { accountId: theirs.id, conversationId: foreign.id, actorId: stranger.id, kind: "conversation.assigned" },
    ]);
    await expect(
      conn.db.insert(historyEntries).values([
        { accountId: mine.id, conversationId: conversation.id, actorId: admin.id, kind: "conversation.assigned" },
        { accountId: theirs.id, conversationId: conversation.id, actorId: stranger.id, kind: "conversation.assigned" },
      ]),
    ).rejects.toThrow();
    expect(await countEntries(mine.id)).toBe(1);
    expect(await countEntries(theirs.id)).toBe(1);
  });

  it("keeps what history points to: its conversation and its actor can't be deleted", async () => {
    const { mine, admin, conversation } = await twoTenants();
    await conn.db
      .insert(historyEntries)
      .values({ accountId: mine.id, conversationId: conversation.id, actorId: admin.id, kind: "conversation.assigned" });

    await expect(conn.db.delete(conversations).where(eq(conversations.id, conversation.id))).rejects.toThrow();
    await expect(conn.db.delete(users).where(eq(users.id, admin.id))).rejects.toThrow();
    expect(await conn.db.select().from(conversations).where(eq(conversations.id, conversation.id))).toHaveLength(1);
    expect(await conn.db.select().from(users).where(eq(users.id, admin.id))).toHaveLength(1);
  });

  it("keeps the keys history points to: a conversation or actor can't change id", async () => {
    const { mine, admin } = await twoTenants();
    // No messages: only history points to it.
    const conversation = await createConversation(conn.db, mine.id, { messages: [] });
    await conn.db
      .insert(historyEntries)
      .values({ accountId: mine.id, conversationId: conversation.id, actorId: admin.id, kind: "conversation.assigned" });
    const moved = "00000000-0000-4000-8000-00000000abcd";
    await expect(conn.db.update(conversations).set({ id: moved }).where(eq(conversations.id, conversation.id))).rejects.toThrow();
    await expect(conn.db.update(users).set({ id: moved }).where(eq(users.id, admin.id))).rejects.toThrow();
    // Everyday updates of the same rows go through as asked.
    await conn.db.update(conversations).set({ unread: false }).where(eq(conversations.id, conversation.id));
    await conn.db.update(users).set({ name: "Otro nombre" }).where(eq(users.id, admin.id));
    expect((await conn.db.select().from(conversations).where(eq(conversations.id, conversation.id)))[0]!.unread).toBe(false);
    expect((await conn.db.select().from(users).where(eq(users.id, admin.id)))[0]!.name).toBe("Otro nombre");
  });
});

describe("deals, activities and tasks are owned by a user of their account", () => {
  for (const [name, table, create] of [
    ["deals", opportunities, createOpportunity],
    ["activities", activities, createActivity],
    ["tasks", tasks, createTask],
  ] as const) {
    it(`${name}: refuses an owner from another account on insert and on update, and keeps the row as it was`, async () => {
      const { mine, admin, stranger } = await twoTenants();
      const contact = await createContact(conn.db, mine.id);
      await expect(create(conn.db, mine.id, contact.id, { ownerId: stranger.id })).rejects.toThrow();

      const row = await create(conn.db, mine.id, contact.id, { ownerId: admin.id });
      await expect(
        conn.db.update(table).set({ ownerId: stranger.id }).where(eq(table.id, row.id)),
      ).rejects.toThrow();
      const [after] = await conn.db.select().from(table).where(eq(table.id, row.id));
      expect(after!.ownerId).toBe(admin.id);

      await conn.db.update(table).set({ ownerId: null }).where(eq(table.id, row.id));
      const seller = await createUser(conn.db, mine.id, { role: "seller" });
      await conn.db.update(table).set({ ownerId: seller.id }).where(eq(table.id, row.id));
      const [moved] = await conn.db.select().from(table).where(eq(table.id, row.id));
      expect(moved!.ownerId).toBe(seller.id);

      // The owner of a record can't be deleted out from under it.
      await expect(conn.db.delete(users).where(eq(users.id, seller.id))).rejects.toThrow();
      expect(await conn.db.select().from(users).where(eq(users.id, seller.id))).toHaveLength(1);
    });
  }
});
