"use server";

import { canSeeConversation } from "@/lib/access/visibility";
import { inboxAction } from "@/lib/access/action";
import { assignOne } from "@/lib/assignment/assign-one";
import type { AssignOneInput } from "@/lib/assignment/input";
import { markOneUnread } from "@/lib/assignment/mark-unread";
import { closeOne } from "@/lib/closing/close-conversations";
import type { CloseInput } from "@/lib/closing/input";
import type { ReplyInput } from "@/lib/messaging/input";
import { sendReply } from "@/lib/messaging/send-reply";

export const assignConversationAction = inboxAction("assignConversation", async (db, actor, input: AssignOneInput) => {
  const result = await assignOne(db, actor, input);
  return result.ok ? { ...result, visible: await canSeeConversation(db, actor, input.conversationId) } : result;
});

export const closeConversationAction = inboxAction("closeConversation", async (db, actor, input: CloseInput) => {
  const result = await closeOne(db, actor, input);
  return result.ok ? { ...result, visible: await canSeeConversation(db, actor, input.conversationId) } : result;
});

export const markUnreadAction = inboxAction("markUnread", (db, actor, conversationId: string) =>
  markOneUnread(db, actor, conversationId),
);

export const sendReplyAction = inboxAction("sendReply", (db, actor, input: ReplyInput) => sendReply(db, actor, input));
