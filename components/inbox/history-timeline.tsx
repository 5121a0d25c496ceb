import { getFormatter, getTranslations } from "next-intl/server";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";

type Counts = { contact: number; opportunities: number; activities: number; tasks: number };

function isCounts(value: unknown): value is Counts {
  return typeof value === "object" && value !== null && "opportunities" in value;
}

const KNOWN = new Set([
  "conversation.assigned",
  "conversation.unassigned",
  "conversation.marked_unread",
  "conversation.closed",
  "conversation.reopened",
]);

export async function HistoryTimeline({ detail }: { detail: ConversationDetail }) {
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  const name = (id: unknown) => (typeof id === "string" ? (detail.userNames[id] ?? "—") : t("nobody"));
  return (
    <section aria-labelledby="history-title" className="text-sm" data-testid="history">
      <h2 id="history-title" className="text-xs font-semibold tracking-wide text-muted uppercase">
        {t("title")}
      </h2>
      {detail.timeline.length === 0 ? (
        <p className="mt-1.5 text-muted">{t("empty")}</p>
      ) : (
        <ol className="mt-2 space-y-2 border-l border-slate-200 pl-3">
          {detail.timeline.map((entry) => {
            const actor = entry.actorName ?? t("system");
            const data = entry.data;
            const key = !KNOWN.has(entry.kind)
              ? "other"
              : entry.kind === "conversation.reopened" && data.by === "reply"
                ? "conversation.reopenedByReply"
                : entry.kind;
            return (
              <li key={entry.id}>
                <p>{t(`kinds.${key}`, { actor, to: name(data.to), kind: entry.kind })}</p>
                {isCounts(data.transferred) ? (
                  <p className="text-muted">{t("transferred", data.transferred)}</p>
                ) : null}
                {data.markedUnread === true ? <p className="text-muted">{t("markedUnreadToo")}</p> : null}
                {typeof data.reason === "string" ? (
                  <p className="text-muted">{t("reason", { reason: data.reason })}</p>
                ) : null}
                {typeof data.handOverTo === "string" ? (
                  <p className="text-muted">{t("handOver", { name: name(data.handOverTo) })}</p>
                ) : null}
                {entry.kind === "conversation.closed" && "to" in data ? (
                  <p className="text-muted">{t("ownerChange", { from: name(data.from ?? null), to: name(data.to) })}</p>
                ) : null}
                <time dateTime={entry.createdAt.toISOString()} className="text-xs text-muted">
                  {format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
