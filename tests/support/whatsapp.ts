import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { whatsappChannels } from "@/db/schema";

let counter = 0;

export async function createChannel(db: Database, accountId: string, opts: { accessToken?: string; apiBaseUrl?: string } = {}) {
  const [channel] = await db
    .insert(whatsappChannels)
    .values({
      accountId,
      phoneNumberId: `${Date.now()}${counter++}`.slice(-15),
      displayPhone: "+57 601 000 0000",
      verifyToken: `verify-${randomUUID()}`,
      appSecret: `secret-${randomUUID()}`,
      accessToken: opts.accessToken ?? null,
      apiBaseUrl: opts.apiBaseUrl ?? null,
    })
    .returning();
  return channel!;
}

/** A Cloud API webhook body as Meta sends it, for one or more messages of one number. */
export function webhookBody(
  phoneNumberId: string,
  messages: Record<string, unknown>[],
  opts: { contacts?: { wa_id: string; profile: { name: string } }[]; statuses?: Record<string, unknown>[] } = {},
) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "576010000000", phone_number_id: phoneNumberId },
              contacts: opts.contacts ?? [],
              messages,
              ...(opts.statuses ? { statuses: opts.statuses } : {}),
            },
          },
        ],
      },
    ],
  });
}

export function textMessage(from: string, text: string, id = `wamid.${randomUUID()}`, at = new Date()) {
  return { from, id, timestamp: String(Math.floor(at.getTime() / 1000)), type: "text", text: { body: text } };
}
