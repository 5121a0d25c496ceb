import ipaddr from "ipaddr.js";
import { z } from "zod";
import { cleanString } from "@/lib/text";
import { AUTOMATION_TRIGGERS } from "@/db/schema";
import { isPublicAddress } from "./public-address";

export const automationActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("reply"), text: cleanString("textInvalid").trim().min(1, { error: "replyEmpty" }).max(4096, { error: "replyTooLong" }) }),
  z.object({ type: z.literal("assign_user"), userId: z.uuid({ error: "pickUser" }) }),
  z.object({ type: z.literal("assign_round_robin"), groupId: z.uuid({ error: "pickGroup" }) }),
  z.object({
    type: z.literal("webhook"),
    url: z
      .url({ protocol: /^https?$/, error: "badUrl" })
      .max(2000, { error: "badUrl" })
      .refine(isPublicHost, { error: "privateUrl" }),
  }),
]);

export const createAutomationSchema = z.object({
  name: cleanString("nameInvalid").trim().min(1, { error: "nameRequired" }).max(120, { error: "nameTooLong" }),
  trigger: z.enum(AUTOMATION_TRIGGERS),
  actions: z.array(automationActionSchema).min(1, { error: "actionsRequired" }).max(10, { error: "tooManyActions" }),
});
export type CreateAutomationInput = z.input<typeof createAutomationSchema>;
export type CreateAutomation = z.output<typeof createAutomationSchema>;

/**
 * Flows post from inside our network, so an address of it is refused when the flow is saved; a
 * name that resolves to one is refused again when the request is made (post-webhook.ts).
 */
function isPublicHost(url: string): boolean {
  // Not a URL at all: the format check above already says so.
  if (!URL.canParse(url)) return true;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return false;
  return !ipaddr.isValid(host) || isPublicAddress(host);
}
