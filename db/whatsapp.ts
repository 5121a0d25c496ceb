import { sql } from "drizzle-orm";
import { bigserial, check, index, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { primaryId, accountRef, createdAt } from "./columns";

/**
 * An account's WhatsApp Business number on Meta's Cloud API. Inbound webhooks are routed here by
 * phone_number_id and verified with app_secret; without an access token replies go to the sandbox.
 */
export const whatsappChannels = pgTable(
  "whatsapp_channels",
  {
    id: primaryId(),
    accountId: accountRef(),
    phoneNumberId: text("phone_number_id").notNull().unique(),
    displayPhone: text("display_phone").notNull(),
    verifyToken: text("verify_token").notNull(),
    appSecret: text("app_secret").notNull(),
    accessToken: text("access_token"),
    // Where the Cloud API lives; tests point it at a local fake.
    apiBaseUrl: text("api_base_url"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("whatsapp_channels_account_key").on(t.accountId),
    check("whatsapp_channels_phone_number_id_check", sql`${t.phoneNumberId} ~ '^[0-9]{5,30}$'`),
    check("whatsapp_channels_verify_token_check", sql`length(${t.verifyToken}) >= 8`),
    check("whatsapp_channels_app_secret_check", sql`length(${t.appSecret}) >= 8`),
  ],
);

export type WhatsAppChannel = typeof whatsappChannels.$inferSelect;

export const DEAD_LETTER_KINDS = ["delivery", "message", "status"] as const;
export type DeadLetterKind = (typeof DEAD_LETTER_KINDS)[number];

/**
 * What a signed delivery brought that could not be stored as a message or status (a timestamp out
 * of range, a NUL in the text, a type with odd fields…), kept whole with the reason for an admin
 * to review. Meta is answered 200 so it stops retrying; nothing it sent is dropped silently. The
 * payload is JSON text (NUL and lone surrogates escaped), so it always stores; a redelivery of the
 * same item is kept once.
 */
export const whatsappDeadLetters = pgTable(
  "whatsapp_dead_letters",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: accountRef(),
    kind: text("kind", { enum: DEAD_LETTER_KINDS }).notNull(),
    reason: text("reason").notNull(),
    payload: text("payload").notNull(),
    payloadSha256: text("payload_sha256").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("whatsapp_dead_letters_payload_key").on(t.accountId, t.payloadSha256),
    index("whatsapp_dead_letters_account_idx").on(t.accountId, t.receivedAt.desc(), t.id.desc()),
    check("whatsapp_dead_letters_kind_check", sql`${t.kind} in ('delivery', 'message', 'status')`),
    check("whatsapp_dead_letters_reason_check", sql`length(${t.reason}) between 1 and 1000`),
  ],
);

export type WhatsAppDeadLetter = typeof whatsappDeadLetters.$inferSelect;
