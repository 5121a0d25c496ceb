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

export interface ChangeOf {
  phoneNumberId: string;
  messages?: unknown[];
  contacts?: unknown[];
  statuses?: unknown[];
}

/** A Cloud API webhook body as Meta sends it, one entry per number. */
export function deliveryBody(changes: ChangeOf[]) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: changes.map(({ phoneNumberId, messages = [], contacts = [], statuses }) => ({
      id: "waba",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "576010000000", phone_number_id: phoneNumberId },
            contacts,
            messages,
            ...(statuses ? { statuses } : {}),
          },
        },
      ],
    })),
  });
}

/** A Cloud API webhook body as Meta sends it, for one or more messages of one number. */
export function webhookBody(
  phoneNumberId: string,
  messages: Record<string, unknown>[],
  opts: { contacts?: { wa_id: string; profile: { name: string } }[]; statuses?: Record<string, unknown>[] } = {},
) {
  return deliveryBody([{ phoneNumberId, messages, contacts: opts.contacts, statuses: opts.statuses }]);
}

export function textMessage(from: string, text: string, id = `wamid.${randomUUID()}`, at = new Date()) {
  return { from, id, timestamp: String(Math.floor(at.getTime() / 1000)), type: "text", text: { body: text } };
}
