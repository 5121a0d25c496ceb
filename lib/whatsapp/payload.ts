import { z } from "zod";
import { cleanString, isCleanInput } from "@/lib/text";

// The WhatsApp Cloud API webhook: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks
// The envelope is checked first (a bad one is kept whole as a dead letter); then each message and
// status on its own, so one that can't be stored does not cost the others.
export const webhookEnvelope = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z
    .array(
      z.object({
        id: z.string().optional(),
        changes: z.array(
          z.object({
            field: z.string().optional(),
            value: z.object({
              messaging_product: z.literal("whatsapp").optional(),
              metadata: z.object({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() }),
              contacts: z.array(z.unknown()).optional(),
              messages: z.array(z.unknown()).optional(),
              statuses: z.array(z.unknown()).optional(),
            }),
          }),
        ),
      }),
    )
    .min(1),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelope>;
export type WebhookChange = WebhookEnvelope["entry"][number]["changes"][number]["value"];

// 9999-12-31T23:59:59Z: past it a timestamp has no ISO form PostgreSQL reads back.
const LAST_UNIX_SECOND = 253_402_300_799;

const unixSeconds = z
  .string()
  .refine((value) => /^[0-9]{1,12}$/.test(value) && Number(value) <= LAST_UNIX_SECOND, "must be Unix seconds between 1970 and 9999");

const INVALID_TEXT = "contains a NUL or a lone UTF-16 surrogate";

export const webhookContact = z.object({
  wa_id: z.string(),
  profile: z.object({ name: cleanString(INVALID_TEXT).optional() }).optional(),
});

export const webhookMessage = z.object({
  from: z.string().regex(/^[0-9]{6,20}$/, "must be the customer's WhatsApp id (digits)"),
  id: cleanString(INVALID_TEXT).min(1).max(200),
  timestamp: unixSeconds,
  type: cleanString(INVALID_TEXT).min(1).max(40),
  text: z.object({ body: cleanString(INVALID_TEXT).max(4096) }).optional(),
  image: z.object({ caption: cleanString(INVALID_TEXT).max(1024).optional() }).passthrough().optional(),
  video: z.object({ caption: cleanString(INVALID_TEXT).max(1024).optional() }).passthrough().optional(),
  document: z
    .object({ caption: cleanString(INVALID_TEXT).max(1024).optional(), filename: cleanString(INVALID_TEXT).max(1024).optional() })
    .passthrough()
    .optional(),
});
export type WebhookMessage = z.infer<typeof webhookMessage>;

export const webhookStatus = z.object({
  id: cleanString(INVALID_TEXT).min(1).max(200),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: unixSeconds.optional(),
  recipient_id: z.string().optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatus>;

/** Why a value failed its schema, short enough to keep with it: the first few issues, by path. */
export function issuesReason(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join("; ")}; +${more} more` : shown.join("; ");
}

const UNCLEAN = "a field contains a NUL or a lone UTF-16 surrogate, or is nested too deep";

/**
 * A message and the contacts entry of its sender, checked to be stored: its fields, the
 * profile name, and every other string in both (kept with it, so it must be clean too). The
 * reason why not, otherwise.
 */
export function parseInboundMessage(raw: unknown, contact: unknown): { message: WebhookMessage; profileName?: string } | string {
  const message = webhookMessage.safeParse(raw);
  if (!message.success) return issuesReason(message.error);
  const sender = webhookContact.optional().safeParse(contact);
  if (!sender.success) return `contact: ${issuesReason(sender.error)}`;
  if (!isCleanInput(raw) || !isCleanInput(contact)) return UNCLEAN;
  return { message: message.data, profileName: sender.data?.profile?.name };
}

/** A delivery receipt checked to be applied, or the reason why not. */
export function parseStatus(raw: unknown): WebhookStatus | string {
  const status = webhookStatus.safeParse(raw);
  if (!status.success) return issuesReason(status.error);
  return isCleanInput(raw) ? status.data : UNCLEAN;
}
