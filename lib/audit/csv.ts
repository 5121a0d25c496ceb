import type { Database } from "@/db/client";
import type { Actor } from "@/lib/access/actor";
import { denial as policyDenial } from "@/lib/access/policy";
import type { Result } from "@/lib/errors";
import { listClosedConversations, type ClosedConversationRow } from "./closed-conversations";
import type { AuditFilters } from "./filters";

// A cell a spreadsheet would read as a formula (OWASP "CSV injection") is kept as text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: formula guard first, then quoted when it holds a quote, comma or line break. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const AUDIT_CSV_COLUMNS = ["conversation", "contact", "phone", "closedAt", "closedBy", "reason", "owner", "reopenedAt"] as const;
export type AuditCsvColumn = (typeof AUDIT_CSV_COLUMNS)[number];

function cells(row: ClosedConversationRow): Record<AuditCsvColumn, string> {
  return {
    conversation: row.id,
    contact: row.contactName,
    phone: row.contactPhone,
    closedAt: row.closedAtLocal,
    closedBy: row.closedByName ?? "",
    reason: row.reason,
    owner: row.ownerName ?? "",
    reopenedAt: row.reopenedAtLocal ?? "",
  };
}

const BOM = "\uFEFF"; // Excel reads the file as UTF-8 only with it

/**
 * The filtered audit as CSV, pulled in keyset batches only as fast as the client reads, so a
 * hundred thousand rows never sit in memory at once. The first chunk is the header with the first
 * batch: a caller that reads it before answering knows the export works before it says 200.
 */
export function auditCsvStream(
  db: Database,
  actor: Actor,
  filters: AuditFilters,
  headers: Record<AuditCsvColumn, string>,
  batchSize = 2_000,
): Result<{ stream: ReadableStream<Uint8Array> }> {
  const denial = policyDenial(actor, "auditCloses");
  if (denial) return { ok: false, error: denial };
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const header = started ? "" : BOM + csvRecord(AUDIT_CSV_COLUMNS.map((c) => headers[c]));
        started = true;
        const page = await listClosedConversations(db, actor, filters, cursor, batchSize);
        if (!page.ok) throw new Error(`audit export refused: ${page.error}`);
        const text = page.rows.map((row) => {
          const values = cells(row);
          return csvRecord(AUDIT_CSV_COLUMNS.map((c) => values[c]));
        });
        controller.enqueue(encoder.encode(header + text.join("")));
        if (!page.nextCursor) controller.close();
        else cursor = page.nextCursor;
      },
    },
    { highWaterMark: 0 },
  );
  return { ok: true, stream };
}
