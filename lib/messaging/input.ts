import { z } from "zod";
import { cleanString } from "@/lib/text";

export const replySchema = z.object({
  conversationId: z.uuid(),
  // WhatsApp's limit for a text message.
  body: cleanString("replyInvalid").trim().min(1, { error: "replyEmpty" }).max(4096, { error: "replyTooLong" }),
});
/** What a form sends. */
export type ReplyInput = z.input<typeof replySchema>;
/** What the domain receives, parsed. */
export type Reply = z.output<typeof replySchema>;
