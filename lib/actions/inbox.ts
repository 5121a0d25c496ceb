"use server";

import { assignmentActions } from "@/lib/assignment/actions";
import { closeConversation } from "@/lib/closing/actions";
import { conversationName, countSelection } from "@/lib/inbox/actions";
import { replyToConversation } from "@/lib/messaging/actions";
import { serve } from "./serve";

// The inbox's server actions: each one an action spec through the one pipeline.
export const assignConversationAction = serve(assignmentActions.assignOne);
export const assignBulkAction = serve(assignmentActions.assignInBulk);
export const markUnreadAction = serve(assignmentActions.markUnread);
export const markReadAction = serve(assignmentActions.markRead);
export const closeConversationAction = serve(closeConversation);
export const sendReplyAction = serve(replyToConversation);
export const countSelectionAction = serve(countSelection);
export const conversationNameAction = serve(conversationName);
