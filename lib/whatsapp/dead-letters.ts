import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappDeadLetters, type DeadLetterKind } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial as policyDenial } from "@/lib/access/policy";
import type { Result } from "@/lib/errors";
import { stripUnstorable, truncateText } from "@/lib/text";

const MAX_REASON = 1000;

/**
 * Keeps what a signed delivery brought and could not store, with why, for the account's admins.
 * `payload` is JSON text (JSON.stringify escapes NUL and lone surrogates), so the row always
 * stores; the same payload kept again (Meta redelivering) is a no-op. Throws only when the
 * database itself fails, and then the delivery must be retried.
 */
export async function keepDeadLetter(db: Database, accountId: string, kind: DeadLetterKind, reason: string, payload: string): Promise<void> {
  await db
    .insert(whatsappDeadLetters)
    .values({
      accountId,
      kind,
      reason: truncateText(stripUnstorable(reason).trim(), MAX_REASON) || "unknown",
      payload,
      payloadSha256: createHash("sha256").update(payload).digest("hex"),
    })
    .onConflictDoNothing({ target: [whatsappDeadLetters.accountId, whatsappDeadLetters.payloadSha256] });
}

export const DEAD_LETTER_PAGE_SIZE = 20;
// A delivery may be 256 KB: the page shows the start of each, and says how long it was.
export const SHOWN_PAYLOAD = 20_000;

export interface DeadLetterRow {
  id: number;
  kind: DeadLetterKind;
  reason: string;
  receivedAt: Date;
  /** Its first SHOWN_PAYLOAD characters. */
  payload: string;
  payloadLength: number;
  truncated: boolean;
}

export interface DeadLetterPage {
  rows: DeadLetterRow[];
  total: number;
  /** The `before` of the next (older) page, or null on the last. */
  nextBefore: string | null;
}

/**
 * The account's dead letters for its admins, newest first: a keyset page of those older than
 * the one `before` names (a row id of this account, from the page's address; else the newest).
 */
export async function listDeadLetters(
  db: Database,
  actor: Actor,
  beforeText?: string,
  limit = DEAD_LETTER_PAGE_SIZE,
): Promise<Result<DeadLetterPage>> {
  const denial = policyDenial(actor, "manageAccount");
  if (denial) return { ok: false, error: denial };
  const before = beforeText && /^[0-9]{1,18}$/.test(beforeText) ? beforeText : undefined;
  const ofAccount = eq(whatsappDeadLetters.accountId, actor.accountId);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: whatsappDeadLetters.id,
        kind: whatsappDeadLetters.kind,
        reason: whatsappDeadLetters.reason,
        receivedAt: whatsappDeadLetters.receivedAt,
        payload: sql<string>`left(${whatsappDeadLetters.payload}, ${SHOWN_PAYLOAD})`,
        payloadLength: sql<number>`length(${whatsappDeadLetters.payload})::int`,
        truncated: sql<boolean>`length(${whatsappDeadLetters.payload}) > ${SHOWN_PAYLOAD}`,
      })
      .from(whatsappDeadLetters)
      .where(
        and(
          ofAccount,
          before === undefined
            ? undefined
            : sql`(${whatsappDeadLetters.receivedAt}, ${whatsappDeadLetters.id}) <
                  (select d.received_at, d.id from whatsapp_dead_letters d where d.account_id = ${actor.accountId} and d.id = ${before}::bigint)`,
        ),
      )
      .orderBy(desc(whatsappDeadLetters.receivedAt), desc(whatsappDeadLetters.id))
      .limit(limit + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(whatsappDeadLetters).where(ofAccount),
  ]);
  const page = rows.slice(0, limit);
  return { ok: true, rows: page, total: count?.total ?? 0, nextBefore: rows.length > limit ? String(page.at(-1)!.id) : null };
}
