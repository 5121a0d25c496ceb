import clsx from "clsx";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { denial } from "@/lib/access/policy";
import { requirePage } from "@/lib/auth/session";
import { listAssignees } from "@/lib/assignment/assignees";
import { getConversation } from "@/lib/inbox/get-conversation";
import { loadFilterOptions } from "@/lib/inbox/filter-options";
import { filtersToQuery, resolveFilters } from "@/lib/inbox/filters";
import { requestCounts } from "./counts";
import { listConversations } from "@/lib/inbox/list-conversations";
import { ConversationList } from "@/components/inbox/conversation-list";
import { ConversationPane } from "@/components/inbox/conversation-pane";
import { InboxFiltersForm } from "@/components/inbox/inbox-filters";
import { LockedInbox } from "@/components/inbox/locked-inbox";
import { MarkReadOnOpen } from "@/components/inbox/mark-read-on-open";
import { SelectionProvider } from "@/components/inbox/selection";
import { SelectionToolbar } from "@/components/inbox/selection-toolbar";
import { ClientMessages, CLIENT_MESSAGES } from "@/components/i18n/client-messages";
import { LiveProvider } from "@/components/live/live-provider";
import { AssignedNotices, LostNotice, NotificationOffer, SelectingReporter, WaitingBanner } from "@/components/live/live-parts";

/**
 * The inbox's loader, list and (when one is chosen) conversation, for both routes. It checks
 * everything itself from the database — role, plan, tenant — whatever the request gate did before.
 * It only reads: opening a conversation reads it through an action once the page shows.
 */
export async function InboxScreen({
  searchParams,
  conversationId,
}: {
  searchParams: Record<string, string | string[] | undefined>;
  conversationId?: string;
}) {
  const notice = searchParams.notice === "assigned" || searchParams.notice === "closed" ? searchParams.notice : null;
  const { actor, locked } = await requirePage("seeInbox");
  if (locked) return <LockedInbox actor={actor} />;
  // Support audits: it reads closed conversations and changes nothing.
  const readOnly = denial(actor, "changeConversations") !== null;
  const db = await getDb();
  const { cursor, ...filters } = resolveFilters(searchParams, actor.role);
  const [page, detail, options, assignees, counts, t] = await Promise.all([
    listConversations(db, actor, filters, cursor),
    conversationId ? getConversation(db, actor, conversationId) : null,
    loadFilterOptions(db, actor),
    readOnly ? [] : listAssignees(db, actor.accountId),
    requestCounts(db, actor),
    getTranslations("inbox"),
  ]);
  const tl = await getTranslations("live");
  if (conversationId && !detail) notFound();
  // Sent here by the live inbox when the open conversation went to someone else.
  const lostNotice = !detail && typeof searchParams.lost === "string";

  return (
    <ClientMessages areas={CLIENT_MESSAGES.inbox}>
    <LiveProvider openId={detail?.id ?? null}>
    <div className="flex min-h-0 flex-1">
      <section
        aria-label={t("listLabel")}
        className={clsx(
          "w-full shrink-0 flex-col border-r border-slate-200 bg-white md:flex md:w-96",
          detail ? "hidden" : "flex",
        )}
      >
        {/* With a conversation open, its contact's name is the page's <h1>. */}
        {detail ? null : <h1 className="sr-only">{t("title")}</h1>}
        {readOnly ? <p className="bg-sky-50 px-3 py-2 text-xs text-sky-800">{t("supportNotice")}</p> : null}
        {lostNotice ? (
          // On a phone the pane is hidden behind the list: the notice goes on top of it.
          <p role="status" className="bg-amber-50 px-3 py-2 text-sm text-amber-900 md:hidden">
            {tl("lost")}
          </p>
        ) : null}
        {notice ? (
          <p role="status" className="bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {t(`notice.${notice}`)}
          </p>
        ) : null}
        <InboxFiltersForm
          filters={filters}
          options={options}
          counts={counts}
          role={actor.role}
          action={conversationId ? `/inbox/${conversationId}` : "/inbox"}
        />
        <NotificationOffer />
        <SelectionProvider rowIds={page.rows.map((r) => r.id)}>
          <SelectingReporter />
          <WaitingBanner />
          {readOnly ? null : (
            <SelectionToolbar
              filterParams={Object.fromEntries(new URLSearchParams(filtersToQuery(filters)))}
              assignees={assignees}
              groups={options.groups}
            />
          )}
          <ConversationList page={page} filters={filters} cursor={cursor} selectedId={conversationId} />
        </SelectionProvider>
      </section>
      <div className={clsx("min-w-0 flex-1 flex-col md:flex", detail ? "flex" : "hidden")}>
        {detail?.unread && detail.ownerId === actor.userId ? <MarkReadOnOpen conversationId={detail.id} /> : null}
        {detail ? (
          <ConversationPane
            detail={detail}
            readOnly={readOnly}
            canAct={!readOnly && (actor.role === "admin" || detail.ownerId === actor.userId)}
            assignees={assignees}
            backHref={`/inbox${filtersToQuery({ ...filters, cursor })}`}
          />
        ) : lostNotice ? (
          <LostNotice />
        ) : (
          <p className="m-auto max-w-xs p-6 text-center text-sm text-muted">{t("pickOne")}</p>
        )}
      </div>
    </div>
    <AssignedNotices />
    </LiveProvider>
    </ClientMessages>
  );
}
