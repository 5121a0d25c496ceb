import { z } from "zod";

export const replySchema = z.object({
  conversationId: z.uuid(),
  // WhatsApp's limit for a text message.
  body: z.string().trim().min(1, { error: "replyEmpty" }).max(4096, { error: "replyTooLong" }),
});
export type ReplyInput = z.input<typeof replySchema>;
