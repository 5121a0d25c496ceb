"use server";

import { z } from "zod";
import { canSeeConversation } from "@/lib/access/visibility";
import { inboxAction, inboxQuery, type ActionResult } from "@/lib/access/action";
import { assignInBulk } from "@/lib/assignment/assign-bulk";
import { assignOne } from "@/lib/assignment/assign-one";
import type { BulkAssignInput } from "@/lib/assignment/bulk-input";
import type { AssignOneInput } from "@/lib/assignment/input";
import { markOneUnread } from "@/lib/assignment/mark-unread";
import { closeOne } from "@/lib/closing/close-conversations";
import type { CloseInput } from "@/lib/closing/input";
import type { ReplyInput } from "@/lib/messaging/input";
import { countMatching } from "@/lib/inbox/selection";
import { sendReply } from "@/lib/messaging/send-reply";
import { senderForAccount } from "@/lib/whatsapp/cloud-sender";

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

export const sendReplyAction = inboxAction("sendReply", async (db, actor, input: ReplyInput) =>
  sendReply(db, actor, input, await senderForAccount(db, actor.accountId)),
);

const filterParams = z.record(z.string().max(40), z.string().max(200));

export const countSelectionAction = inboxQuery(
  "countSelection",
  async (db, actor, params: Record<string, string>): Promise<ActionResult<{ count: number; cutoff: string }>> => {
    const parsed = filterParams.safeParse(params);
    if (!parsed.success) return { ok: false, error: "invalid_input" };
    return { ok: true, ...(await countMatching(db, actor, parsed.data)) };
  },
);

export const assignBulkAction = inboxAction("assignBulk", (db, actor, input: BulkAssignInput) => assignInBulk(db, actor, input));
