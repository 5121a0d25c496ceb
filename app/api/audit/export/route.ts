import { getTranslations } from "next-intl/server";
import { sessionRoute } from "@/lib/actions/session-route";
import { AUDIT_CSV_COLUMNS, auditCsvStream, type AuditCsvColumn } from "@/lib/audit/csv";
import { resolveAuditFilters } from "@/lib/audit/filters";

// Streams as it reads: never cached, never rendered ahead of time.
export const dynamic = "force-dynamic";

/**
 * "Exportar CSV": the audit's filtered set. The first batch is read before answering, so a
 * failure is an error status, never a 200 with a file cut short; a failure later aborts the
 * download instead of ending it cleanly.
 */
export const GET = sessionRoute(
  {
    name: "auditExport",
    permission: "auditCloses",
    // Unparseable filters fall back to "all", as on the page; the cursor is the page's, not the file's.
    query: (params) => {
      const { cursor: _cursor, ...filters } = resolveAuditFilters(Object.fromEntries(params));
      return filters;
    },
  },
  async ({ db, actor, query, log }) => {
    const t = await getTranslations("audit.csv");
    const headers = Object.fromEntries(AUDIT_CSV_COLUMNS.map((c) => [c, t(c)])) as Record<AuditCsvColumn, string>;
    const result = auditCsvStream(db, actor, query, headers);
    if (!result.ok) return new Response(result.error, { status: result.error === "plan_required" ? 402 : 403 });
    const reader = result.stream.getReader();
    // A failure here throws to the pipeline: logged, answered 500, no file at all.
    const first = await reader.read();
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
            log.error({ err: error }, "audit export failed while streaming");
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
  },
);
