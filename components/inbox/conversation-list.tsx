import clsx from "clsx";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { filtersToQuery, type InboxFilters } from "@/lib/inbox/filters";
import type { ConversationPage, ConversationRow } from "@/lib/inbox/list-conversations";
import { OwnerLabel } from "./owner-label";
import { RowCheckbox } from "./selection";

export async function ConversationList({
  page,
  filters,
  cursor,
  selectedId,
}: {
  page: ConversationPage;
  filters: InboxFilters;
  cursor?: string;
  selectedId?: string;
}) {
  const t = await getTranslations("inbox");
  const query = filtersToQuery({ ...filters, cursor });
  if (page.rows.length === 0) {
    return (
      <div className="p-6 text-center text-sm text-muted">
        <p className="font-medium text-slate-700">{t("empty")}</p>
        <p className="mt-1">{t("emptyHint")}</p>
        {cursor ? (
          <Link href={`/inbox${filtersToQuery(filters)}`} className="mt-3 inline-block text-brand-600 underline">
            {t("backToTop")}
          </Link>
        ) : null}
      </div>
    );
  }
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <ul aria-label={t("listLabel")} className="divide-y divide-slate-100" data-testid="conversation-list">
        {page.rows.map((row, index) => (
          <li key={row.id} className="flex">
            <RowCheckbox id={row.id} index={index} label={t("selectRow", { name: row.contactName })} />
            <Row row={row} href={`/inbox/${row.id}${query}`} selected={row.id === selectedId} />
          </li>
        ))}
      </ul>
      <nav className="flex flex-col items-center gap-2 p-3 text-sm">
        {page.nextCursor ? (
          <Link
            href={`/inbox${filtersToQuery({ ...filters, cursor: page.nextCursor })}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
          >
            {t("older")}
          </Link>
        ) : null}
        {cursor ? (
          <Link href={`/inbox${filtersToQuery(filters)}`} className="text-brand-600 underline">
            {t("backToTop")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

async function Row({ row, href, selected }: { row: ConversationRow; href: string; selected: boolean }) {
  const [t, format] = await Promise.all([getTranslations("inbox"), getFormatter()]);
  // Today's messages show the hour; older ones the date, so 23:48 yesterday doesn't pass for today.
  const day = { year: "numeric", month: "numeric", day: "numeric" } as const;
  const recent = format.dateTime(row.lastMessageAt, day) === format.dateTime(new Date(), day);
  return (
    <Link
      href={href}
      aria-current={selected ? "page" : undefined}
      data-testid="conversation-row"
      className={clsx(
        "block min-w-0 flex-1 px-3 py-2.5 hover:bg-slate-50 focus-visible:bg-slate-50",
        selected && "bg-brand-50 hover:bg-brand-50",
      )}
    >
      <div className="flex items-baseline gap-2">
        {row.unread ? (
          <span className="size-2 shrink-0 rounded-full bg-brand-600" aria-label={t("unreadMark")} role="img" />
        ) : null}
        <span className={clsx("truncate", row.unread ? "font-semibold" : "font-medium")}>{row.contactName}</span>
        <time
          dateTime={row.lastMessageAt.toISOString()}
          className={clsx("ml-auto shrink-0 text-xs", row.unread ? "font-semibold text-brand-600" : "text-muted")}
        >
          {format.dateTime(row.lastMessageAt, recent ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short" })}
        </time>
      </div>
      <p className="mt-0.5 truncate text-sm text-muted">{row.preview}</p>
      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs">
        <OwnerLabel name={row.ownerName} active={row.ownerActive} />
        {row.status === "closed" ? (
          <span className="rounded bg-slate-200 px-1.5 py-0.5 text-slate-700">{t("closedBadge")}</span>
        ) : null}
        <span
          className={clsx(
            "rounded px-1.5 py-0.5",
            row.windowOpen ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-muted",
          )}
        >
          {row.windowOpen ? t("windowOpen") : t("windowClosed")}
        </span>
      </div>
    </Link>
  );
}
