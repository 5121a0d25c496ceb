import { defineAction } from "@/lib/access/pipeline";
import { senderForAccount } from "@/lib/whatsapp/cloud-sender";
import { replySchema } from "./input";
import { sendReply } from "./send-reply";

export const replyToConversation = defineAction({
  name: "sendReply",
  input: replySchema,
  permission: "changeConversations",
  revalidate: "/inbox",
  run: async (tx, actor, input) => sendReply(tx, actor, input, await senderForAccount(tx, actor.accountId)),
});
