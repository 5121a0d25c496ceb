import { sql } from "drizzle-orm";
import { bigint, check, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { sameAccountKey } from "./columns";

/**
 * Round robin's memory across bulk actions: how many conversations each person has been dealt.
 * Each action deals first to whoever has received fewest, so repeated small batches even out.
 */
export const roundRobinCounters = pgTable(
  "round_robin_counters",
  {
    accountId: uuid("account_id").notNull(),
    userId: uuid("user_id").notNull(),
    dealt: bigint("dealt", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.userId] }),
    sameAccountKey("round_robin_counters_user_fk", [t.accountId, t.userId], users, "cascade"),
    check("round_robin_counters_dealt_check", sql`${t.dealt} >= 0`),
  ],
);
