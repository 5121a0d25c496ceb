import { eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappChannels } from "@/db/schema";
import { webhookContact, webhookEnvelope, webhookMessage, webhookStatus } from "./payload";
import { applyStatus, receiveInboundMessage } from "./receive";
import { isValidSignature } from "./signature";

export interface WebhookResponse {
  status: 200 | 400 | 401 | 403;
  body: Record<string, unknown> | string;
}

/** Meta's GET handshake: echo the challenge only for a subscribe with a token an account configured. */
export async function verifySubscription(db: Database, params: URLSearchParams): Promise<WebhookResponse> {
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (params.get("hub.mode") !== "subscribe" || !token || !challenge) return { status: 403, body: "forbidden" };
  const [channel] = await db
    .select({ id: whatsappChannels.id })
    .from(whatsappChannels)
    .where(eq(whatsappChannels.verifyToken, token))
    .limit(1);
  return channel ? { status: 200, body: challenge } : { status: 403, body: "forbidden" };
}

/**
 * A webhook POST, checked before anything is stored: a signature (HMAC of the raw body with the
 * app secret of every number it mentions), then a well-formed envelope. Each message is then
 * stored on its own, so one bad message does not lose the others.
 */
export async function handleWebhook(db: Database, rawBody: Buffer, signature: string | null): Promise<WebhookResponse> {
  if (!signature) return { status: 401, body: { error: "missing_signature" } };
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return { status: 400, body: { error: "invalid_json", reason: "The body is not JSON." } };
  }
  const envelope = webhookEnvelope.safeParse(json);
  if (!envelope.success) {
    return { status: 400, body: { error: "invalid_payload", reason: envelope.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } };
  }
  const changes = envelope.data.entry.flatMap((e) => e.changes.map((c) => c.value));
  const phoneIds = [...new Set(changes.map((v) => v.metadata.phone_number_id))];
  const channels = await db
    .select({ accountId: whatsappChannels.accountId, phoneNumberId: whatsappChannels.phoneNumberId, appSecret: whatsappChannels.appSecret })
    .from(whatsappChannels)
    .where(inArray(whatsappChannels.phoneNumberId, phoneIds));
  // Unknown numbers can't be verified: nothing of such a delivery is trusted.
  if (channels.length !== phoneIds.length) return { status: 401, body: { error: "unknown_phone_number_id" } };
  if (!channels.every((c) => isValidSignature(rawBody, signature, c.appSecret))) {
    return { status: 401, body: { error: "invalid_signature" } };
  }

  const byPhone = new Map(channels.map((c) => [c.phoneNumberId, c.accountId]));
  const summary = { stored: 0, duplicates: 0, statuses: 0, skipped: [] as { id?: string; reason: string }[] };
  for (const value of changes) {
    const accountId = byPhone.get(value.metadata.phone_number_id)!;
    const names = new Map<string, string | undefined>();
    for (const raw of value.contacts ?? []) {
      const contact = webhookContact.safeParse(raw);
      if (contact.success) names.set(contact.data.wa_id, contact.data.profile?.name);
    }
    for (const raw of value.messages ?? []) {
      const message = webhookMessage.safeParse(raw);
      if (!message.success) {
        const id = typeof raw === "object" && raw && "id" in raw ? String((raw as { id: unknown }).id) : undefined;
        summary.skipped.push({ id, reason: message.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
        continue;
      }
      const result = await receiveInboundMessage(db, accountId, message.data, names.get(message.data.from));
      if (result.status === "stored") summary.stored++;
      else summary.duplicates++;
    }
    for (const raw of value.statuses ?? []) {
      const status = webhookStatus.safeParse(raw);
      if (!status.success) {
        summary.skipped.push({ reason: `status: ${status.error.issues[0]?.message ?? "invalid"}` });
        continue;
      }
      if (await applyStatus(db, accountId, status.data)) summary.statuses++;
    }
  }
  return { status: 200, body: summary };
}
