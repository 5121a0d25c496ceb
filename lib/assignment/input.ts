import { z } from "zod";

// Shared by the dialog (client) and the server action: same rules, same message keys.
export const transferSchema = z.object({
  contact: z.boolean().default(false),
  opportunities: z.boolean().default(false),
  activities: z.boolean().default(false),
  tasks: z.boolean().default(false),
  // Only open deals and pending activities/tasks move unless the person turns this off.
  onlyOpen: z.boolean().default(true),
});
export type TransferOptions = z.infer<typeof transferSchema>;

export const NO_TRANSFER: TransferOptions = {
  contact: false,
  opportunities: false,
  activities: false,
  tasks: false,
  onlyOpen: true,
};

export const singleTargetSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("contact_owner") }),
  z.object({ mode: z.literal("user"), userId: z.uuid({ error: "pickUser" }) }),
  z.object({ mode: z.literal("none") }),
]);
export type SingleTarget = z.infer<typeof singleTargetSchema>;

export const assignOneSchema = z.object({
  conversationId: z.uuid(),
  version: z.number().int().positive(),
  target: singleTargetSchema,
  markUnread: z.boolean().default(false),
  transfer: transferSchema.default(NO_TRANSFER),
});
/** What a form sends. */
export type AssignOneInput = z.input<typeof assignOneSchema>;
/** What the domain receives, parsed. */
export type AssignOne = z.output<typeof assignOneSchema>;

/**
 * What may be carried to the new owner in each mode: nothing when unassigning; with the
 * contact's owner, only open deals and pending items (the contact is theirs already).
 */
export function allowedTransfer(mode: "contact_owner" | "user" | "none" | "round_robin", transfer: TransferOptions): TransferOptions {
  if (mode === "none") return NO_TRANSFER;
  if (mode === "contact_owner") return { ...transfer, contact: false, onlyOpen: true };
  return transfer;
}
