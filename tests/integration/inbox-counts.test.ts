import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/access/actor";
import { badgeCount, COUNT_CAP, inboxCounts } from "@/lib/inbox/counts";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

describe("inbox badge counts", () => {
  it("count what the viewer may see, and stop past 99: the badge then says 99+", async () => {
    const account = await createAccount(conn.db);
    const admin = (await loadActor(conn.db, (await createUser(conn.db, account.id, { role: "admin" })).id))!;
    const seller = (await loadActor(conn.db, (await createUser(conn.db, account.id, { role: "seller" })).id))!;
    await createConversation(conn.db, account.id, { ownerId: seller.userId, unread: true });
    await createConversation(conn.db, account.id, { ownerId: seller.userId, unread: false });
    await createConversation(conn.db, account.id, { ownerId: null, unread: true });
    expect(await inboxCounts(conn.db, seller)).toEqual({ mine: 2, unread: 1, mineUnread: 1 });
    expect(await inboxCounts(conn.db, admin)).toEqual({ mine: 0, unread: 2, mineUnread: 0 });

    // 150 more unread: the admin's badge stops at the cap.
    for (let i = 0; i < 150; i++) await createConversation(conn.db, account.id, { ownerId: null, unread: true });
    const capped = await inboxCounts(conn.db, admin);
    expect(capped.unread).toBe(COUNT_CAP + 1);
    expect(badgeCount(capped.unread)).toBe("99+");
    expect(badgeCount(COUNT_CAP)).toBe("99");
    expect(badgeCount(0)).toBe("0");
    // The seller's own stay exact.
    expect(await inboxCounts(conn.db, seller)).toEqual({ mine: 2, unread: 1, mineUnread: 1 });
  });
});
