import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappChannels } from "@/db/schema";
import { sandboxSender, type WhatsAppSender } from "./sender";

export const DEFAULT_API_BASE_URL = process.env.WHATSAPP_API_BASE_URL ?? "https://graph.facebook.com/v21.0";

export class WhatsAppSendError extends Error {}

/** Sends through Meta's Cloud API: POST {base}/{phone-number-id}/messages with the account's bearer token. */
export function cloudSender(channel: { phoneNumberId: string; accessToken: string; apiBaseUrl: string | null }): WhatsAppSender {
  return {
    async sendText({ to, body }) {
      const url = `${(channel.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/$/, "")}/${channel.phoneNumberId}/messages`;
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${channel.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to,
          type: "text",
          text: { preview_url: false, body },
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const answer = (await response.json().catch(() => null)) as { messages?: { id?: string }[]; error?: { message?: string } } | null;
      const id = answer?.messages?.[0]?.id;
      if (!response.ok || !id) {
        throw new WhatsAppSendError(`WhatsApp Cloud API ${response.status}: ${answer?.error?.message ?? "no message id"}`);
      }
      return { waMessageId: id };
    },
  };
}

/** The Cloud API when the account has credentials configured, the sandbox otherwise (demo, tests). */
export async function senderForAccount(db: Database, accountId: string): Promise<WhatsAppSender> {
  const [channel] = await db
    .select({ phoneNumberId: whatsappChannels.phoneNumberId, accessToken: whatsappChannels.accessToken, apiBaseUrl: whatsappChannels.apiBaseUrl })
    .from(whatsappChannels)
    .where(eq(whatsappChannels.accountId, accountId));
  return channel?.accessToken ? cloudSender({ ...channel, accessToken: channel.accessToken }) : sandboxSender;
}
