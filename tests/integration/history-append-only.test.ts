import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { historyEntries } from "@/db/schema";
import { createAccount, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

describe("history is append-only in the database", () => {
  it("refuses UPDATE and DELETE of an entry, which stays as written", async () => {
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    const [entry] = await conn.db
      .insert(historyEntries)
      .values({ accountId: account.id, actorId: admin.id, kind: "account.plan_changed", data: { from: "basic", to: "pro" } })
      .returning();

    await expect(
      conn.db.update(historyEntries).set({ kind: "forged" }).where(eq(historyEntries.id, entry!.id)),
    ).rejects.toThrow();
    await expect(conn.db.delete(historyEntries).where(eq(historyEntries.id, entry!.id))).rejects.toThrow();
    await expect(conn.db.execute(sql`truncate history_entries`)).rejects.toThrow();

    const [after] = await conn.db.select().from(historyEntries).where(eq(historyEntries.id, entry!.id));
    expect(after).toEqual(entry);
  });
});
