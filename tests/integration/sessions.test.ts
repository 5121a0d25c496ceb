import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/access/actor";
import { revokeSession } from "@/lib/auth/revoke-session";
import { createAccount, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

describe("signing out", () => {
  it("kills that session for good, and only that one", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id, { role: "seller" });
    const signedInAt = new Date().toISOString();
    const laptop = { sessionId: randomUUID(), signedInAt };
    const phone = { sessionId: randomUUID(), signedInAt };
    expect(await loadActor(conn.db, user.id, laptop)).not.toBeNull();
    await revokeSession(conn.db, { accountId: account.id, userId: user.id }, laptop.sessionId);
    await revokeSession(conn.db, { accountId: account.id, userId: user.id }, laptop.sessionId);
    expect(await loadActor(conn.db, user.id, laptop)).toBeNull();
    expect(await loadActor(conn.db, user.id, phone)).not.toBeNull();
  });
});
