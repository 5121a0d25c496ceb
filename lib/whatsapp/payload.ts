import { z } from "zod";

// The WhatsApp Cloud API webhook: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks
// The envelope is checked strictly (a bad one is refused whole); each message on its own, so one
// bad message does not cost the good ones.
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

export const webhookContact = z.object({
  wa_id: z.string().regex(/^[0-9]{6,20}$/),
  profile: z.object({ name: z.string().max(200).optional() }).optional(),
});

export const webhookMessage = z.object({
  from: z.string().regex(/^[0-9]{6,20}$/, "from must be the customer's WhatsApp id (digits)"),
  id: z.string().min(1).max(200),
  timestamp: z.string().regex(/^[0-9]{1,12}$/, "timestamp must be Unix seconds"),
  type: z.string().min(1).max(40),
  text: z.object({ body: z.string().max(4096) }).optional(),
  image: z.object({ caption: z.string().max(1024).optional() }).passthrough().optional(),
  video: z.object({ caption: z.string().max(1024).optional() }).passthrough().optional(),
  document: z.object({ caption: z.string().max(1024).optional(), filename: z.string().optional() }).passthrough().optional(),
});
export type WebhookMessage = z.infer<typeof webhookMessage>;

export const webhookStatus = z.object({
  id: z.string().min(1).max(200),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: z.string().regex(/^[0-9]{1,12}$/).optional(),
  recipient_id: z.string().optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatus>;
