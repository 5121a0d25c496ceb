import { z } from "zod";
import { snapshotSchema } from "@/lib/inbox/snapshot";
import { transferSchema, NO_TRANSFER } from "./input";

export const MAX_BULK_CONVERSATIONS = 100_000;

export const bulkSelectionSchema = z.discriminatedUnion("kind", [
  // "Individualmente": the rows ticked on screen.
  z.object({ kind: z.literal("ids"), ids: z.array(z.uuid()).min(1).max(MAX_BULK_CONVERSATIONS) }),
  // "Todas": whatever matches the list's filters, as counted under the snapshot `cutoff`.
  z.object({ kind: z.literal("filter"), params: z.record(z.string().max(40), z.string().max(200)), cutoff: snapshotSchema }),
]);
export type BulkSelection = z.infer<typeof bulkSelectionSchema>;

export const roundRobinPoolSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("users"), userIds: z.array(z.uuid()).min(2, { error: "pickTwoUsers" }).max(500) }),
  z.object({ kind: z.literal("groups"), groupIds: z.array(z.uuid()).min(1, { error: "pickGroup" }).max(100) }),
]);
export type RoundRobinPool = z.infer<typeof roundRobinPoolSchema>;

export const bulkTargetSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("contact_owner") }),
  z.object({ mode: z.literal("user"), userId: z.uuid({ error: "pickUser" }) }),
  z.object({ mode: z.literal("round_robin"), pool: roundRobinPoolSchema }),
  z.object({ mode: z.literal("none") }),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;

export const bulkAssignSchema = z.object({
  selection: bulkSelectionSchema,
  target: bulkTargetSchema,
  markUnread: z.boolean().default(false),
  transfer: transferSchema.default(NO_TRANSFER),
});
/** What a form sends. */
export type BulkAssignInput = z.input<typeof bulkAssignSchema>;
/** What the domain receives, parsed. */
export type BulkAssign = z.output<typeof bulkAssignSchema>;
