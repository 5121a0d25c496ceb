import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resolveFilters } from "@/lib/inbox/filters";
import { listConversations } from "@/lib/inbox/list-conversations";
import { createAccount, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

describe("search over a long list", () => {
  // Past the first few thousand conversations the list stops walking newest first and starts
  // from the matching contacts: the pages must read the same either way.
  it("pages through the matches newest first, the recent ones and the old ones alike", async () => {
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin", name: "Admin" });
    // 12,000 conversations a minute apart; every 199th contact is a "Zoila Peñaranda", too few among
    // the newest 5,000 to fill a page.
    await conn.db.execute(sql`
      with c as (
        insert into contacts (account_id, name, phone, wa_id)
        select ${account.id}, case when g % 199 = 0 then 'Zoila Peñaranda ' || g else 'Cliente ' || g end,
               '+57310' || lpad(g::text, 7, '0'), '57310' || lpad(g::text, 7, '0')
        from generate_series(1, 12000) g
        returning id, split_part(phone, '+57310', 2)::int as g
      )
      insert into conversations (account_id, contact_id, last_message_at)
      select ${account.id}, c.id, timestamptz '2026-01-01' + c.g * interval '1 minute' from c`);
    const actor = (await conn.actorOf(admin.id))!;

    const pages: number[] = [];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConversations(conn.db, actor, resolveFilters({ q: "zoila penar" }, "admin"), cursor);
      pages.push(page.rows.length);
      seen.push(...page.rows.map((r) => r.contactName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const expected = Array.from({ length: 60 }, (_, i) => `Zoila Peñaranda ${(60 - i) * 199}`);
    expect(seen).toEqual(expected);
    expect(pages).toEqual([30, 30]);
  });
});
