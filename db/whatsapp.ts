import { sql } from "drizzle-orm";
import { check, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

/**
 * An account's WhatsApp Business number on Meta's Cloud API. Inbound webhooks are routed here by
 * phone_number_id and verified with app_secret; without an access token replies go to the sandbox.
 */
export const whatsappChannels = pgTable(
  "whatsapp_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").notNull().unique(),
    displayPhone: text("display_phone").notNull(),
    verifyToken: text("verify_token").notNull(),
    appSecret: text("app_secret").notNull(),
    accessToken: text("access_token"),
    // Where the Cloud API lives; tests point it at a local fake.
    apiBaseUrl: text("api_base_url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("whatsapp_channels_account_key").on(t.accountId),
    check("whatsapp_channels_phone_number_id_check", sql`${t.phoneNumberId} ~ '^[0-9]{5,30}$'`),
    check("whatsapp_channels_verify_token_check", sql`length(${t.verifyToken}) >= 8`),
    check("whatsapp_channels_app_secret_check", sql`length(${t.appSecret}) >= 8`),
  ],
);

export type WhatsAppChannel = typeof whatsappChannels.$inferSelect;
