import { z } from "zod";
import { transferSchema, NO_TRANSFER } from "./input";

export const MAX_BULK_CONVERSATIONS = 100_000;

// PostgreSQL's own text form of now(), kept as text so no microsecond is lost on the way.
export const cutoffSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/);

export const bulkSelectionSchema = z.discriminatedUnion("kind", [
  // "Individualmente": the rows ticked on screen.
  z.object({ kind: z.literal("ids"), ids: z.array(z.uuid()).min(1).max(MAX_BULK_CONVERSATIONS) }),
  // "Todas": whatever matches the list's filters, as counted at `cutoff`.
  z.object({ kind: z.literal("filter"), params: z.record(z.string(), z.string()), cutoff: cutoffSchema }),
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
export type BulkAssignInput = z.input<typeof bulkAssignSchema>;
