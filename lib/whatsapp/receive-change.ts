import type { Database } from "@/db/client";
import type { DeadLetterKind } from "@/db/schema";
import { RetriesExhausted, sqlState } from "@/lib/errors";
import { keepDeadLetter } from "./dead-letters";
import { parseInboundMessage, parseStatus, type WebhookChange } from "./payload";
import { applyStatus, receiveInboundMessage } from "./receive";

/** What a delivery came to, item by item: every message and status lands in exactly one count. */
export type DeliverySummary = { stored: number; duplicates: number; statuses: number; deadLetters: number };

/**
 * One change of a verified delivery (one number's messages and statuses), each item on its own:
 * stored, or kept whole as a dead letter with the reason when it fails its schema or its storing
 * throws. When the database itself is unavailable the error is thrown on instead: the item is
 * fine, and Meta should retry the delivery.
 */
export async function receiveChange(
  db: Database,
  accountId: string,
  change: WebhookChange,
  delivery: string,
  summary: DeliverySummary,
  /** Conversations whose summary waited (their row was held): applyPendingInbound's to finish. */
  deferred: string[] = [],
) {
  const deadLetter = async (kind: DeadLetterKind, reason: string, item: unknown) => {
    await keepDeadLetter(db, accountId, kind, reason, itemPayload(item, delivery));
    summary.deadLetters++;
  };
  const failed = async (kind: DeadLetterKind, item: unknown, error: unknown) => {
    if (isDatabaseUnavailable(error)) throw error;
    console.error(`[whatsapp] a ${kind} could not be stored`, { accountId, error });
    await deadLetter(kind, `could not be stored: ${describe(error)}`, item);
  };

  for (const raw of change.messages ?? []) {
    const contact = senderOf(change.contacts, raw);
    const inbound = parseInboundMessage(raw, contact);
    if (typeof inbound === "string") {
      await deadLetter("message", inbound, { message: raw, contact });
      continue;
    }
    try {
      const result = await receiveInboundMessage(db, accountId, inbound.message, inbound.profileName);
      summary[result.status === "stored" ? "stored" : "duplicates"]++;
      if (result.status === "stored" && result.deferred) deferred.push(result.conversationId);
    } catch (error) {
      await failed("message", { message: raw, contact }, error);
    }
  }

  for (const raw of change.statuses ?? []) {
    const status = parseStatus(raw);
    if (typeof status === "string") {
      await deadLetter("status", status, raw);
      continue;
    }
    try {
      await applyStatus(db, accountId, status);
      summary.statuses++;
    } catch (error) {
      await failed("status", raw, error);
    }
  }
}

/** The contacts entry Meta sent for a message's sender (it carries the profile name). */
function senderOf(contacts: unknown[] | undefined, message: unknown): unknown {
  const from = isRecord(message) ? message.from : undefined;
  return contacts?.find((c) => isRecord(c) && c.wa_id === from);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The item as JSON text; one nested too deep to serialize is kept as the whole delivery it came in. */
function itemPayload(item: unknown, delivery: string): string {
  try {
    return JSON.stringify(item);
  } catch {
    return delivery;
  }
}

/**
 * The database failing rather than the item: a race lost every retry, no connection (class 08),
 * out of resources (53), shutting down (57P0x). Anything else would fail again on a redelivery.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof RetriesExhausted || /^(08|53|57P0)/.test(sqlState(error) ?? "");
}

/** The database's own words: drizzle's "Failed query: …" wraps the driver's error, which has them. */
function describe(error: unknown): string {
  let cause = error;
  for (let depth = 0; cause instanceof Error && cause.cause instanceof Error && depth < 5; depth++) cause = cause.cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = sqlState(error);
  return code ? `${code} ${message}` : message;
}
