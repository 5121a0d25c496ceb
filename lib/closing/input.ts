import { z } from "zod";
import { cleanString } from "@/lib/text";

export const closeSchema = z.object({
  conversationId: z.uuid(),
  version: z.number().int().positive(),
  reason: cleanString("reasonInvalid")
    .trim()
    .min(3, { error: "reasonTooShort" })
    .max(1000, { error: "reasonTooLong" }),
  // The person who will own it if the customer writes again; absent: the closer stays the owner.
  handOverTo: z.uuid({ error: "pickUser" }).optional(),
});
/** What a form sends. */
export type CloseInput = z.input<typeof closeSchema>;
/** What the domain receives, parsed. */
export type Close = z.output<typeof closeSchema>;
