import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/access/session";
import { AUDIT_CSV_COLUMNS, auditCsvStream, type AuditCsvColumn } from "@/lib/audit/csv";
import { resolveAuditFilters } from "@/lib/audit/filters";

// Streams as it reads: never cached, never rendered ahead of time.
export const dynamic = "force-dynamic";

/** "Exportar CSV": the audit's filtered set; session, role, plan and tenant checked here from the database. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  if (actor.mustChangePassword) return new Response("password_change_required", { status: 403 });
  const { cursor: _cursor, ...filters } = resolveAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  const t = await getTranslations("audit.csv");
  const headers = Object.fromEntries(AUDIT_CSV_COLUMNS.map((c) => [c, t(c)])) as Record<AuditCsvColumn, string>;
  const result = auditCsvStream(await getDb(), actor, filters, headers);
  if (!result.ok) return new Response(result.error, { status: result.error === "plan_required" ? 402 : 403 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(result.stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${t("filename")}-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
