import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversations, historyEntries, messages } from "@/db/schema";
import { historyActorId, type Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/inbox";
import { inboxActionDenial } from "@/lib/access/inbox-actions";
import { fail, inTransaction } from "@/lib/errors";
import { isWindowOpen } from "@/lib/inbox/window";
import { sandboxSender, type WhatsAppSender } from "@/lib/whatsapp/sender";
import { replySchema, type ReplyInput } from "./input";

export const PREVIEW_LENGTH = 120;

/**
 * A free-text reply from an admin or the owner. Meta refuses free text outside the 24-hour
 * window, so it is refused here first; replying to a closed conversation reopens it.
 */
export async function sendReply(
  db: Database,
  actor: Actor,
  input: ReplyInput,
  sender: WhatsAppSender = sandboxSender,
  now: Date = new Date(),
) {
  const denial = inboxActionDenial(actor);
  if (denial) return { ok: false as const, error: denial };
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, error: "invalid_input" as const };
  const { conversationId, body } = parsed.data;
  return inTransaction(db, async (tx) => {
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
        sentById: historyActorId(actor),
        createdAt: now,
      })
      .returning({ id: messages.id });
    const reopening = conversation.status === "closed";
    await tx
      .update(conversations)
      .set({
        lastMessageAt: now,
        lastMessagePreview: body.slice(0, PREVIEW_LENGTH),
        // A person answering has read it; an automatic reply leaves it for the owner to read.
        ...(actor.system ? {} : { unread: false }),
        ...(reopening
          ? { status: "open" as const, closedAt: null, closedById: null, closeReason: null, version: sql`${conversations.version} + 1` }
          : {}),
      })
      .where(and(eq(conversations.accountId, actor.accountId), eq(conversations.id, conversationId)));
    if (reopening) {
      await tx.insert(historyEntries).values({
        accountId: actor.accountId,
        conversationId,
        actorId: historyActorId(actor),
        kind: "conversation.reopened",
        data: { by: "reply" },
      });
    }
    return { messageId: message!.id, reopened: reopening };
  });
}
