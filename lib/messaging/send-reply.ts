import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversations, messages } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { fail } from "@/lib/errors";
import { authorId, recordHistory } from "@/lib/history/record";
import { messagePreview } from "@/lib/inbox/preview";
import { isWindowOpen } from "@/lib/inbox/window";
import type { WhatsAppSender } from "@/lib/whatsapp/sender";
import type { Reply } from "./input";

/**
 * A free-text reply from an admin or the owner. Meta refuses free text outside the 24-hour
 * window, so it is refused here first; replying to a closed conversation reopens it.
 */
export async function sendReply(tx: Database, actor: Actor, input: Reply, sender: WhatsAppSender, now: Date = new Date()) {
  const { conversationId, body } = input;
  const [conversation] = await tx
    .select({
      id: conversations.id,
      status: conversations.status,
      lastInboundAt: conversations.lastInboundAt,
      waId: contacts.waId,
    })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .where(and(visibleConversations(actor), eq(conversations.id, conversationId)))
    .for("no key update", { of: conversations });
  if (!conversation) fail("not_found");
  if (!isWindowOpen(conversation.lastInboundAt, now)) fail("window_closed");

  const { waMessageId } = await sender.sendText({ accountId: actor.accountId, to: conversation.waId, body });
  const [message] = await tx
    .insert(messages)
    .values({
      accountId: actor.accountId,
      conversationId,
      direction: "outbound",
      body,
      status: "sent",
      waMessageId,
      sentById: authorId(actor),
      createdAt: now,
    })
    .returning({ id: messages.id });
  const reopening = conversation.status === "closed";
  await tx
    .update(conversations)
    .set({
      lastMessageAt: now,
      lastMessagePreview: messagePreview(body),
      // A person answering has read it; an automatic reply leaves it for the owner to read.
      ...(actor.system ? {} : { unread: false }),
      ...(reopening
        ? { status: "open" as const, closedAt: null, closedById: null, closeReason: null, version: sql`${conversations.version} + 1` }
        : {}),
    })
    .where(and(eq(conversations.accountId, actor.accountId), eq(conversations.id, conversationId)));
  if (reopening) {
    await recordHistory(tx, actor.accountId, actor, [{ conversationId, kind: "conversation.reopened", data: { by: "reply" } }]);
  }
  return { messageId: message!.id, reopened: reopening };
}
