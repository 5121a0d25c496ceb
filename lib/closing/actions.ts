import { defineAction } from "@/lib/access/pipeline";
import { canSeeConversation } from "@/lib/access/visibility";
import { closeOne } from "./close-conversations";
import { closeSchema } from "./input";

export const closeConversation = defineAction({
  name: "closeConversation",
  input: closeSchema,
  permission: "changeConversations",
  revalidate: "/inbox",
  run: async (tx, actor, input) => ({
    ...(await closeOne(tx, actor, input)),
    // Handed over to someone else, a seller no longer sees it.
    visible: await canSeeConversation(tx, actor, input.conversationId),
  }),
});
