import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/access/actor";
import { PRESENCE_CHANNEL, type PresenceNotice, type PresenceState } from "./events";

/** Tells the others on this conversation, on every instance, that the actor is there, typing or gone. Nothing is stored. */
export async function publishPresence(db: Database, actor: Actor, conversationId: string, state: PresenceState): Promise<void> {
  const notice: PresenceNotice = { a: actor.accountId, c: conversationId, u: actor.userId, n: actor.name, s: state };
  await db.execute(sql`select pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(notice)})`);
}
