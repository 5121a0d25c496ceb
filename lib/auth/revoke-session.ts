import { lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { revokedSessions } from "@/db/schema";
import { REVOCATION_KEPT_SECONDS } from "./session-lifetime";

/** Signs one session out for good, whatever cookie an in-flight request brings back. */
export async function revokeSession(db: Database, actor: { accountId: string; userId: string }, sessionId: string) {
  await db.transaction(async (tx) => {
    await tx
      .insert(revokedSessions)
      .values({ sessionId, accountId: actor.accountId, userId: actor.userId })
      .onConflictDoNothing();
    // Only sign-outs no session can outlive go: forgetting one sooner would let its cookie back in.
    await tx
      .delete(revokedSessions)
      .where(lt(revokedSessions.revokedAt, sql`now() - make_interval(secs => ${REVOCATION_KEPT_SECONDS})`));
  });
}
