import type { Database } from "@/db/client";
import { historyEntries, type HistoryKind } from "@/db/schema";
import { historyActorId, type Actor } from "@/lib/access/actor";

type AccountChange = Extract<HistoryKind, `account.${string}` | `user.${string}` | `group.${string}`>;

/** One append-only entry for a change to the account itself (users, groups, subscription), in the caller's transaction. */
export async function recordAccountChange(tx: Database, actor: Actor, kind: AccountChange, data: Record<string, unknown>) {
  await tx.insert(historyEntries).values({ accountId: actor.accountId, actorId: historyActorId(actor), kind, data });
}

/** PostgreSQL's unique_violation, whichever driver raised it (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
