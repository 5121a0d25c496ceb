import { randomUUID } from "node:crypto";

export interface OutboundText {
  accountId: string;
  /** The customer's WhatsApp id (digits only). */
  to: string;
  body: string;
}

export interface WhatsAppSender {
  sendText(message: OutboundText): Promise<{ waMessageId: string }>;
}

/**
 * The sender used when an account has no Cloud API credentials (the demo, tests): it sends
 * nothing anywhere and answers like the API would, so the reply is recorded as sent.
 */
export const sandboxSender: WhatsAppSender = {
  async sendText() {
    return { waMessageId: `wamid.sandbox.${randomUUID()}` };
  },
};
