import { lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { revokedSessions } from "@/db/schema";

// Sessions live 12 hours (auth.config.ts): a revoked id older than that can go.
const SESSION_LIFETIME = "13 hours";

/** Signs one session out for good, whatever cookie an in-flight request brings back. */
export async function revokeSession(db: Database, actor: { accountId: string; userId: string }, sessionId: string) {
  await db.transaction(async (tx) => {
    await tx
      .insert(revokedSessions)
      .values({ sessionId, accountId: actor.accountId, userId: actor.userId })
      .onConflictDoNothing();
    await tx.delete(revokedSessions).where(lt(revokedSessions.revokedAt, sql`now() - ${SESSION_LIFETIME}::interval`));
  });
}
