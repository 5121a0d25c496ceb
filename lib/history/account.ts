import type { Database } from "@/db/client";
import type { HistoryKind } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { recordHistory } from "./record";

type AccountChange = Extract<HistoryKind, `account.${string}` | `user.${string}` | `group.${string}`>;

/** One append-only entry for a change to the account itself (users, groups, subscription), in the caller's transaction. */
export function recordAccountChange(tx: Database, actor: Actor, kind: AccountChange, data: Record<string, unknown>) {
  return recordHistory(tx, actor.accountId, actor, [{ conversationId: null, kind, data }]);
}
