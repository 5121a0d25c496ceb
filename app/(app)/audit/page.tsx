import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/auth/session";
import { countClosedConversations, listClosedConversations, loadAuditPeople } from "@/lib/audit/closed-conversations";
import { auditQuery, resolveAuditFilters } from "@/lib/audit/filters";
import { AuditFiltersForm } from "@/components/audit/audit-filters";
import { LockedInbox } from "@/components/inbox/locked-inbox";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { PageFrame } from "@/components/layout/page-frame";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, locked } = await requirePage("auditCloses");
  if (locked) return <LockedInbox actor={actor} />;
  const { cursor, ...filters } = resolveAuditFilters(await searchParams);
  const db = await getDb();
  const [page, count, people, t, format] = await Promise.all([
    listClosedConversations(db, actor, filters, cursor),
    countClosedConversations(db, actor, filters),
    loadAuditPeople(db, actor),
    getTranslations("audit"),
    getFormatter(),
  ]);
  if (!page.ok) notFound();
  const person = (name: string | null, active: boolean | null) =>
    name === null ? t("unassigned") : active === false ? t("inactive", { name }) : name;

  return (
    <PageFrame title={t("title")} intro={t("intro")} wide>
      <AuditFiltersForm filters={filters} people={people} />
      <div className="flex flex-wrap items-center gap-3">
        <p className="flex-1 text-sm font-medium" data-testid="audit-count" role="status">
          {t("count", { count })}
        </p>
        {count > 0 ? (
          <a href={`/api/audit/export${auditQuery(filters)}`} download className={buttonClass("secondary")}>
            {t("export")}
          </a>
        ) : null}
      </div>
      <DataTable
        label={t("title")}
        columns={[t("columns.contact"), t("columns.closedAt"), t("columns.closedBy"), t("columns.reason"), t("columns.owner")]}
        rowCount={page.rows.length}
        empty={
          <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center">
            <p className="font-medium">{t("empty")}</p>
            <p className="text-sm text-muted">{t("emptyHint")}</p>
          </div>
        }
        testId="audit-table"
      >
        {page.rows.map((row) => (
          <tr key={row.closeId} data-testid="audit-row" className="align-top">
            <td className="px-3 py-2">
              {row.closedNow || actor.role === "admin" ? (
                <Link
                  href={`/inbox/${row.id}${row.closedNow ? "?status=closed" : ""}`}
                  className="font-medium text-brand-600 underline"
                  aria-label={t("openTimeline", { name: row.contactName })}
                >
                  {row.contactName}
                </Link>
              ) : (
                <span className="font-medium">{row.contactName}</span>
              )}
              <span className="block text-xs text-muted">{row.contactPhone}</span>
            </td>
            <td className="px-3 py-2 whitespace-nowrap">
              <time dateTime={row.closedAt.toISOString()}>{format.dateTime(row.closedAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              {row.reopenedAt ? (
                <span className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-testid="audit-reopened">
                  {t("reopened", { date: format.dateTime(row.reopenedAt, { dateStyle: "medium", timeStyle: "short" }) })}
                </span>
              ) : null}
            </td>
            <td className="px-3 py-2">{row.closedByName ?? "—"}</td>
            <td className="max-w-md px-3 py-2 break-words whitespace-pre-line">{row.reason}</td>
            <td className="px-3 py-2">{person(row.ownerName, row.ownerActive)}</td>
          </tr>
        ))}
      </DataTable>
      <nav className="flex gap-4 text-sm">
        {cursor ? (
          <Link href={`/audit${auditQuery(filters)}`} className="text-brand-600 underline">
            {t("backToTop")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/audit${auditQuery({ ...filters, cursor: page.nextCursor })}`} className="text-brand-600 underline">
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </PageFrame>
  );
}
