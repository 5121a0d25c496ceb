import { isUtf8 } from "node:buffer";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappChannels } from "@/db/schema";
import { webhookEnvelope, issuesReason, type WebhookEnvelope } from "./payload";
import { receiveChange, type DeliverySummary } from "./receive-change";
import { keepDeadLetter } from "./dead-letters";
import { MAX_WEBHOOK_BYTES } from "./request-body";
import { verifyDelivery } from "./verify-delivery";
import type { ChannelLookup } from "./channel-secrets";

export interface WebhookResponse {
  status: 200 | 401 | 403 | 413;
  body: Record<string, unknown> | string;
  /** Conversations whose summary is still to apply (see applyPendingInbound), by account. */
  deferred?: { accountId: string; conversationIds: string[] }[];
}

// One answer for an unknown number and a bad signature: it tells nobody which numbers exist.
export const UNAUTHORIZED = { status: 401, body: { error: "unauthorized" } } as const satisfies WebhookResponse;
export const TOO_LARGE = { status: 413, body: { error: "payload_too_large" } } as const satisfies WebhookResponse;

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
 * A webhook POST. Refused, changing nothing, unless small enough and signed for every number it
 * names. Such a delivery is then never refused: Meta would retry it forever. Each message and
 * status is stored on its own, and what can't be (the whole delivery, if it doesn't parse) is
 * kept as a dead letter for the account's admins. Throws only when the database fails, so the
 * answer is a 500 and Meta retries; what was stored already is not stored twice.
 */
export async function handleWebhook(
  db: Database,
  rawBody: Buffer,
  signature: string | null,
  channels?: ChannelLookup,
): Promise<WebhookResponse> {
  if (rawBody.length > MAX_WEBHOOK_BYTES) return TOO_LARGE;
  const accounts = await verifyDelivery(db, rawBody, signature, channels);
  if (!accounts) return UNAUTHORIZED;

  const text = rawBody.toString("utf8");
  const envelope = parseEnvelope(text);
  if (!envelope.ok) {
    // Several numbers in one signed body share the app secret, so one Meta app sees them all
    // already: each of their accounts keeps the body.
    for (const accountId of new Set(accounts.values())) {
      await keepDeadLetter(db, accountId, "delivery", envelope.reason, deliveryPayload(rawBody, text, envelope.json));
    }
    return { status: 200, body: { stored: 0, duplicates: 0, statuses: 0, deadLetters: 1 } satisfies DeliverySummary };
  }
  const changes = envelope.data.entry.flatMap((e) => e.changes.map((c) => c.value));
  // JSON escapes can spell a number the raw scan did not see: only the verified ones are trusted.
  if (!changes.every((change) => accounts.has(change.metadata.phone_number_id))) return UNAUTHORIZED;

  const summary: DeliverySummary = { stored: 0, duplicates: 0, statuses: 0, deadLetters: 0 };
  const deferred: WebhookResponse["deferred"] = [];
  for (const change of changes) {
    const accountId = accounts.get(change.metadata.phone_number_id)!;
    const conversationIds: string[] = [];
    await receiveChange(db, accountId, change, text, summary, conversationIds);
    if (conversationIds.length > 0) deferred.push({ accountId, conversationIds });
  }
  return { status: 200, body: summary, ...(deferred.length > 0 ? { deferred } : {}) };
}

type ParsedEnvelope = { ok: true; data: WebhookEnvelope } | { ok: false; reason: string; json: boolean };

function parseEnvelope(text: string): ParsedEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the body is not valid JSON", json: false };
  }
  const envelope = webhookEnvelope.safeParse(json);
  return envelope.success ? { ok: true, data: envelope.data } : { ok: false, reason: `envelope: ${issuesReason(envelope.error)}`, json: true };
}

/**
 * The delivery as JSON text that always stores, byte for byte: JSON as Meta sent it (it has no
 * raw NUL, or it would not have parsed), else the body as a JSON string, or base64 if not UTF-8.
 */
function deliveryPayload(rawBody: Buffer, text: string, json: boolean): string {
  if (!isUtf8(rawBody)) return JSON.stringify({ bodyBase64: rawBody.toString("base64") });
  return json ? text : JSON.stringify({ body: text });
}
