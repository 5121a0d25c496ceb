import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "./actor";
import { visibleConversations } from "./inbox";

/** Whether the actor can still see the conversation — a seller who gave it away cannot. */
export async function canSeeConversation(db: Database, actor: Actor, conversationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visibleConversations(actor), eq(conversations.id, conversationId)));
  return Boolean(row);
}
