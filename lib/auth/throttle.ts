import { and, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { passwordFailures } from "@/db/schema";

/** Ten wrong passwords within fifteen minutes, and that key waits out the rest of the window. */
export const MAX_FAILURES = 10;
const WINDOW = "15 minutes";

export const signInKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const passwordChangeKey = (userId: string) => `password:${userId}`;

export async function isThrottled(db: Database, key: string): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${passwordFailures}
        where ${passwordFailures.key} = ${key} and ${passwordFailures.failedAt} > now() - ${WINDOW}::interval`,
  );
  return (row?.n ?? 0) >= MAX_FAILURES;
}

export async function recordFailure(db: Database, key: string): Promise<void> {
  await db.insert(passwordFailures).values({ key });
  // Old failures of this key are no use once out of the window.
  await db
    .delete(passwordFailures)
    .where(and(eq(passwordFailures.key, key), lt(passwordFailures.failedAt, sql`now() - ${WINDOW}::interval`)));
}

/** A right password starts the count again. */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(passwordFailures).where(eq(passwordFailures.key, key));
}
