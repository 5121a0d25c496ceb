import clsx from "clsx";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import { isWindowOpen } from "@/lib/inbox/window";
import { LostGuard, PresenceBar } from "@/components/live/live-parts";
import { ContactPanel } from "./contact-panel";
import { ConversationActions } from "./conversation-actions";
import { FocusTitleOnOpen } from "./focus-title-on-open";
import { HistoryTimeline } from "./history-timeline";
import { MessageScroller } from "./message-scroller";
import { OwnerLabel } from "./owner-label";
import { ReplyBox } from "./reply-box";
import type { PickableUser } from "./user-picker";

export async function ConversationPane({
  detail,
  readOnly,
  canAct,
  assignees,
  backHref,
}: {
  detail: ConversationDetail;
  readOnly: boolean;
  canAct: boolean;
  assignees: PickableUser[];
  backHref: string;
}) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const windowOpen = isWindowOpen(detail.lastInboundAt);
  return (
    <LostGuard>
    <div className="flex min-h-0 flex-1">
      <section aria-labelledby="conversation-title" className="flex min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
          <Link href={backHref} className="rounded-md p-1 text-muted hover:bg-slate-100 md:hidden" aria-label={t("inbox.backToList")}>
            ←
          </Link>
          <div className="min-w-0">
            <h1 id="conversation-title" tabIndex={-1} className="truncate font-semibold">
              {detail.contact.name}
            </h1>
            <FocusTitleOnOpen conversationId={detail.id} titleId="conversation-title" />
            <p className="text-xs text-muted">{detail.contact.phone}</p>
          </div>
          <div className="ml-auto flex items-center gap-2 text-sm">
            <a href="#contact-details" className="rounded-md px-2 py-1 text-brand-600 hover:bg-slate-100 lg:hidden">
              {t("conversation.showContact")}
            </a>
            <span className="hidden text-muted sm:inline">{t("conversation.owner")}:</span>
            <OwnerLabel name={detail.ownerName} active={detail.ownerActive} className="text-sm" />
            {detail.status === "closed" ? (
              <span className="rounded bg-slate-200 px-1.5 py-0.5 text-slate-700">{t("inbox.closedBadge")}</span>
            ) : null}
            {canAct ? (
              <ConversationActions
                isOpen={detail.status === "open"}
                context={{
                  conversationId: detail.id,
                  version: detail.version,
                  assignees,
                  contactOwner:
                    detail.contact.ownerId && detail.contact.ownerName
                      ? { id: detail.contact.ownerId, name: detail.contact.ownerName, assignable: detail.contact.ownerAssignable }
                      : null,
                }}
              />
            ) : null}
          </div>
        </div>
        <PresenceBar />
        <p
          data-testid="window-indicator"
          className={clsx(
            "border-b px-4 py-1.5 text-xs",
            windowOpen ? "border-emerald-100 bg-emerald-50 text-emerald-800" : "border-slate-200 bg-slate-100 text-muted",
          )}
        >
          {windowOpen && detail.windowClosesAt
            ? t("conversation.window.open", {
                closesAt: format.relativeTime(detail.windowClosesAt),
              })
            : detail.lastInboundAt
              ? t("conversation.window.closed")
              : t("conversation.window.never")}
        </p>
        {detail.status === "closed" && detail.closedAt ? (
          <div className="border-b border-slate-200 bg-white px-4 py-2 text-sm" data-testid="close-info">
            <p>
              {t("conversation.closedInfo", {
                name: detail.closedByName ?? "—",
                date: format.dateTime(detail.closedAt, { dateStyle: "medium", timeStyle: "short" }),
              })}
            </p>
            {detail.closeReason ? (
              <p className="text-muted">{t("conversation.closeReason", { reason: detail.closeReason })}</p>
            ) : null}
          </div>
        ) : null}
        <MessageScroller count={detail.messages.length} label={t("conversation.messages")}>
          {detail.messages.length === 0 ? <li className="text-center text-sm text-muted">{t("conversation.noMessages")}</li> : null}
          {detail.messages.map((m) => (
            <li key={m.id} className={clsx("flex", m.direction === "outbound" ? "justify-end" : "justify-start")}>
              <div
                className={clsx(
                  "max-w-[80%] rounded-lg px-3 py-2 text-sm shadow-sm",
                  m.direction === "outbound" ? "bg-emerald-100" : "bg-white",
                )}
              >
                <span className="sr-only">{t(m.direction === "outbound" ? "conversation.outbound" : "conversation.inbound")}: </span>
                {m.type !== "text" ? <span className="block text-xs text-muted">{t(`conversation.types.${m.type}`)}</span> : null}
                <p className="break-words whitespace-pre-wrap">{m.body}</p>
                <p className="mt-1 text-right text-[11px] text-muted">
                  <time dateTime={m.createdAt.toISOString()}>
                    {format.dateTime(m.createdAt, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}
                  </time>
                  {m.direction === "outbound" ? <> · {t(`conversation.status.${m.status}`)}</> : null}
                </p>
              </div>
            </li>
          ))}
        </MessageScroller>
        {readOnly ? (
          <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-muted">{t("conversation.readOnly")}</p>
        ) : canAct ? (
          <ReplyBox conversationId={detail.id} windowOpen={windowOpen} />
        ) : null}
      </section>
      {/* One panel for every size: a side column from lg, a full-screen sheet opened by #contact-details below.
          It scrolls, often with nothing focusable inside: it takes focus itself, so a keyboard can scroll it. */}
      <div
        id="contact-details"
        role="region"
        aria-label={t("conversation.details")}
        tabIndex={0}
        className="hidden w-80 shrink-0 space-y-6 overflow-y-auto border-l border-slate-200 bg-white p-4 target:fixed target:inset-0 target:z-30 target:block target:w-full lg:block lg:target:static lg:target:w-80"
      >
        <a href="#" className="block text-sm font-medium text-brand-600 lg:hidden">
          ← {t("conversation.backToConversation")}
        </a>
        <ContactPanel detail={detail} />
        <HistoryTimeline detail={detail} />
      </div>
    </div>
    </LostGuard>
  );
}
