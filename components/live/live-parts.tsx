"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useSelection } from "@/components/inbox/selection";
import { CenteredNotice } from "@/components/ui/centered-notice";
import { useLive } from "./live-provider";

/** While rows are being ticked the list holds still; what arrived meanwhile waits behind this button. */
export function WaitingBanner() {
  const live = useLive();
  const t = useTranslations("live");
  const waiting = live?.waiting ?? 0;
  // The region is always there, so "3 nuevas" is announced when it appears, politely.
  return (
    <div aria-live="polite">
      {waiting > 0 ? (
        <button
          type="button"
          onClick={live?.applyWaiting}
          className="w-full bg-sky-50 px-3 py-1.5 text-sm font-medium text-sky-900 hover:bg-sky-100"
          data-testid="live-waiting"
        >
          {t("waiting", { count: waiting })}
        </button>
      ) : null}
    </div>
  );
}

/** Tells the live inbox whether the person is selecting rows (inside the selection's provider). */
export function SelectingReporter() {
  const live = useLive();
  const { mode } = useSelection();
  const selecting = mode !== "off";
  useEffect(() => {
    live?.setSelecting(selecting);
  }, [live, selecting]);
  return null;
}

/** "Laura Gómez está viendo / está escribiendo…", in the conversation's top bar. */
export function PresenceBar() {
  const live = useLive();
  const t = useTranslations("live");
  const teammates = live?.teammates ?? [];
  return (
    <p className="min-h-5 truncate px-4 text-xs text-slate-700" aria-live="polite" data-testid="presence">
      {teammates.map((p) => (p.typing ? t("typing", { name: p.name }) : t("viewing", { name: p.name }))).join(" · ")}
    </p>
  );
}

/** The open conversation, unless it was given to someone else meanwhile: then it says so in its place. */
export function LostGuard({ children }: { children: React.ReactNode }) {
  const live = useLive();
  if (!live?.lost) return <>{children}</>;
  return <LostNotice />;
}

/** "Esta conversación se asignó a otra persona", where the conversation was (the live provider announces it). */
export function LostNotice() {
  const t = useTranslations("live");
  return (
    <CenteredNotice testId="live-lost" title={t("lost")} text={t("lostHint")} link={{ href: "/inbox", label: t("backToInbox") }} />
  );
}

/** "Te asignaron la conversación con Ana Ruiz": announced politely, never taking the focus. */
export function AssignedNotices() {
  const live = useLive();
  const t = useTranslations("live");
  const notices = live?.notices ?? [];
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-40 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className="pointer-events-auto flex items-start gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
          data-testid="live-assigned"
        >
          <Link href={`/inbox/${notice.id}`} className="flex-1 text-slate-900 hover:underline" onClick={() => live?.dismiss(notice.id)}>
            {t("assigned", { name: notice.name })}
          </Link>
          <button type="button" onClick={() => live?.dismiss(notice.id)} className="text-muted hover:text-slate-900" aria-label={t("dismiss")}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** Offers browser notifications once, for people who want to hear of new assignments in another tab. */
export function NotificationOffer() {
  const t = useTranslations("live");
  // Known only in the browser: decided after the first render, so server and client agree.
  const [askable, setAskable] = useState(false);
  useEffect(() => setAskable(typeof Notification !== "undefined" && Notification.permission === "default"), []);
  if (!askable) return null;
  return (
    <button
      type="button"
      onClick={() => void Notification.requestPermission().then(() => setAskable(false))}
      className="px-3 py-1 text-left text-xs text-brand-600 underline"
    >
      {t("enableNotifications")}
    </button>
  );
}
