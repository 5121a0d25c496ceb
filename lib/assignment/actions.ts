import { eq } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "@/db/schema";
import { defineAction } from "@/lib/access/pipeline";
import { fail } from "@/lib/errors";
import { canSeeConversation } from "@/lib/access/visibility";
import { assignInBulk } from "./assign-bulk";
import { assignOne } from "./assign-one";
import { bulkAssignSchema } from "./bulk-input";
import { assignOneSchema } from "./input";
import { markConversationsUnread, markReadByOwner } from "./mark-unread";

// A seller who gives a conversation away loses sight of it at once: the answer says so, so the
// screen can go back to the list instead of showing what they may no longer see.

/** Asignar conversación, one or in bulk, and the unread mark. */
export const assignmentActions = {
  assignOne: defineAction({
    name: "assignConversation",
    input: assignOneSchema,
    permission: "changeConversations",
    revalidate: "/inbox",
    run: async (tx, actor, input) => ({
      summary: await assignOne(tx, actor, input),
      visible: await canSeeConversation(tx, actor, input.conversationId),
    }),
  }),
  assignInBulk: defineAction({
    name: "assignBulk",
    input: bulkAssignSchema,
    permission: "changeConversations",
    revalidate: "/inbox",
    run: async (tx, actor, input) => ({ summary: await assignInBulk(tx, actor, input) }),
  }),
  markUnread: defineAction({
    name: "markUnread",
    input: z.uuid(),
    permission: "changeConversations",
    revalidate: "/inbox",
    run: (tx, actor, conversationId) => markConversationsUnread(tx, actor, eq(conversations.id, conversationId)),
  }),
  /** The owner opened it: read. Anyone else looking in leaves it as it is. */
  markRead: defineAction({
    name: "markRead",
    input: z.uuid(),
    permission: "seeInbox",
    run: async (tx, actor, conversationId) => {
      if (!(await canSeeConversation(tx, actor, conversationId))) fail("not_found");
      return markReadByOwner(tx, actor, conversationId);
    },
    // Re-rendered only when it was unread, so the list loses its mark.
    revalidate: (result) => (result.read ? "/inbox" : null),
  }),
};
