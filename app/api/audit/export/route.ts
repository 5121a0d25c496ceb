import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/access/session";
import { AUDIT_CSV_COLUMNS, auditCsvStream, type AuditCsvColumn } from "@/lib/audit/csv";
import { resolveAuditFilters } from "@/lib/audit/filters";

// Streams as it reads: never cached, never rendered ahead of time.
export const dynamic = "force-dynamic";

/**
 * "Exportar CSV": the audit's filtered set; session, role, plan and tenant checked here from the
 * database. The first batch is read before answering, so a failure is an error status, never a
 * 200 with a file cut short; a failure later aborts the download instead of ending it cleanly.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  if (actor.mustChangePassword) return new Response("password_change_required", { status: 403 });
  const { cursor: _cursor, ...filters } = resolveAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  const t = await getTranslations("audit.csv");
  const headers = Object.fromEntries(AUDIT_CSV_COLUMNS.map((c) => [c, t(c)])) as Record<AuditCsvColumn, string>;
  const result = auditCsvStream(await getDb(), actor, filters, headers);
  if (!result.ok) return new Response(result.error, { status: result.error === "plan_required" ? 402 : 403 });
  const reader = result.stream.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (error) {
    console.error("audit export failed", { userId: actor.userId, accountId: actor.accountId, error });
    return new Response("export_failed", { status: 500 });
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (first.value) controller.enqueue(first.value);
        if (first.done) controller.close();
      },
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          console.error("audit export failed while streaming", { userId: actor.userId, accountId: actor.accountId, error });
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${t("filename")}-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
