import { and, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { passwordFailures } from "@/db/schema";

/** Ten wrong passwords within fifteen minutes, and that key waits out the rest of the window. */
export const MAX_FAILURES = 10;
const WINDOW = "15 minutes";
// Namespace of the per-key advisory locks (the two-int form never meets the app's one-bigint locks).
const ATTEMPT_LOCK = 727_010;

export const signInKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const passwordChangeKey = (userId: string) => `password:${userId}`;

/**
 * Takes one of the key's attempts in the window before its password is checked, or answers false
 * when none is left. Counted and taken under a lock on the key, so a burst of attempts (on any
 * number of app instances) can't all see room for themselves. A taken attempt counts as a
 * failure until a right password clears it.
 */
export async function takeAttempt(db: Database, key: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ATTEMPT_LOCK}, hashtext(${key}))`);
    // Old failures of this key are no use once out of the window.
    await tx
      .delete(passwordFailures)
      .where(and(eq(passwordFailures.key, key), lt(passwordFailures.failedAt, sql`now() - ${WINDOW}::interval`)));
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${passwordFailures} where ${passwordFailures.key} = ${key}`,
    );
    if ((row?.n ?? 0) >= MAX_FAILURES) return false;
    await tx.insert(passwordFailures).values({ key });
    return true;
  });
}

/** A right password starts the count again. */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(passwordFailures).where(eq(passwordFailures.key, key));
}
