"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { conversationNameAction } from "@/lib/actions/inbox";
import type { LiveEvent, PresenceState } from "@/lib/live/events";
import { announcePolitely } from "./announcer";

export interface Teammate {
  userId: string;
  name: string;
  typing: boolean;
}

export interface AssignedNotice {
  id: string;
  name: string;
}

interface LiveState {
  /** Events that arrived while the person was selecting rows: shown as "N nuevas", applied on click. */
  waiting: number;
  applyWaiting(): void;
  setSelecting(selecting: boolean): void;
  /** The conversation on screen was given to someone else who the viewer can't follow. */
  lost: boolean;
  /** Others on the open conversation right now. */
  teammates: Teammate[];
  /** The viewer is typing a reply: tells the others (throttled). */
  typing(): void;
  notices: AssignedNotice[];
  dismiss(id: string): void;
}

const LiveContext = createContext<LiveState | null>(null);

export function useLive(): LiveState | null {
  return useContext(LiveContext);
}

// Someone who stops sending "viewing" for this long has left (closed the tab, lost the network).
const VIEWING_TTL_MS = 25_000;
const TYPING_TTL_MS = 6_000;
const VIEWING_EVERY_MS = 10_000;
const TYPING_EVERY_MS = 2_000;
// Several events in a burst make one refetch.
const REFRESH_AFTER_MS = 200;

function announce(conversationId: string, state: PresenceState) {
  void fetch("/api/live/presence", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ conversationId, state }),
    // "left" is sent as the page goes away.
    keepalive: state === "left",
  }).catch(() => {});
}

/**
 * The live inbox for one screen: an EventSource on /api/live (it reconnects by itself; after a
 * drop the page refetches what it shows), a refetch of the server-rendered page when something
 * the viewer may see changed, presence on the open conversation, and the "te asignaron" notices.
 */
export function LiveProvider({ openId, children }: { openId: string | null; children: React.ReactNode }) {
  const router = useRouter();
  const t = useTranslations("live");
  // Read through a ref: a new translator after a refetch must not reopen the stream (onEvent is
  // one of its effect's dependencies), or events arriving meanwhile are missed.
  const lostText = useRef("");
  lostText.current = t("lost");
  const [, startTransition] = useTransition();
  const [waiting, setWaiting] = useState(0);
  const [lost, setLost] = useState(false);
  const [notices, setNotices] = useState<AssignedNotice[]>([]);
  const [presence, setPresence] = useState<Map<string, { name: string; seenUntil: number; typingUntil: number }>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const selecting = useRef(false);
  const lostRef = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastTyping = useRef(0);
  const lastReply = useRef(0);

  const refresh = useCallback(() => {
    if (lostRef.current) return;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      // Lost meanwhile: refetching this page would replace the notice with "not found".
      if (lostRef.current) return;
      startTransition(() => router.refresh());
    }, REFRESH_AFTER_MS);
  }, [router]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      switch (event.type) {
        case "changed":
        case "refresh":
          if (selecting.current) setWaiting((n) => n + (event.type === "changed" ? event.ids.length : 1));
          else refresh();
          return;
        case "lost":
          if (event.id === openId) {
            lostRef.current = true;
            setLost(true);
            // The pane it replaces is gone; the page changes under it: the layout's region says it.
            announcePolitely(lostText.current);
            // The list moves on without it; the pane keeps saying why (the list page shows it from ?lost=).
            const params = new URLSearchParams(window.location.search);
            params.set("lost", event.id);
            startTransition(() => router.replace(`/inbox?${params}`, { scroll: false }));
          }
          return;
        case "assigned":
          void conversationNameAction(event.id).then((result) => {
            if (!result.ok) return;
            setNotices((list) => [...list.filter((n) => n.id !== event.id), { id: event.id, name: result.name }]);
            if (typeof Notification !== "undefined" && Notification.permission === "granted" && document.hidden) {
              new Notification("Turno", { body: result.name, tag: event.id });
            }
          });
          return;
        case "presence": {
          const at = Date.now();
          setPresence((previous) => {
            const next = new Map(previous);
            if (event.state === "left") next.delete(event.userId);
            else {
              const before = next.get(event.userId);
              next.set(event.userId, {
                name: event.name,
                seenUntil: at + VIEWING_TTL_MS,
                typingUntil: event.state === "typing" ? at + TYPING_TTL_MS : event.state === "join" ? 0 : (before?.typingUntil ?? 0),
              });
            }
            return next;
          });
          // Someone just arrived: say we are here too, so they know within a second, not ten.
          if (event.state === "join" && openId && at - lastReply.current > 1_000) {
            lastReply.current = at;
            announce(openId, "viewing");
          }
          return;
        }
      }
    },
    [openId, refresh],
  );

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let stopped = false;
    const connect = () => {
      const current = new EventSource(openId ? `/api/live?c=${openId}` : "/api/live");
      source = current;
      let dropped = false;
      current.addEventListener("ready", () => {
        // Back after a drop: what happened meanwhile was not sent, so refetch what the page shows.
        if (dropped || failures > 0) refresh();
        dropped = false;
        failures = 0;
        // Only now can the others' answers reach us: say we arrived, and they say they are here.
        if (openId) announce(openId, "join");
      });
      current.addEventListener("message", (message) => {
        try {
          onEvent(JSON.parse(message.data) as LiveEvent);
        } catch {
          // Not ours to understand: ignore.
        }
      });
      // The server ended it: signed out, deactivated, no inbox any more. The refetch shows where to go.
      current.addEventListener("end", () => {
        stopped = true;
        current.close();
        startTransition(() => router.refresh());
      });
      current.addEventListener("error", () => {
        dropped = true;
        // EventSource retries a dropped stream itself, but gives up on an error answer (a deploy's
        // 502, a database hiccup's 500): try again later, with jitter so a crowd doesn't return at once.
        if (current.readyState === EventSource.CLOSED && !stopped) {
          failures++;
          retry = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** failures) * (0.5 + Math.random()));
        }
      });
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [openId, onEvent, refresh, router]);

  useEffect(() => {
    if (!openId) return;
    setPresence(new Map());
    const beat = setInterval(() => announce(openId, "viewing"), VIEWING_EVERY_MS);
    const leave = () => announce(openId, "left");
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(beat);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [openId]);

  // Presence expires by time: a tick while anyone is shown.
  useEffect(() => {
    if (presence.size === 0) return;
    const tick = setInterval(() => {
      const at = Date.now();
      setNow(at);
      // Gone without a word (tab closed, network lost): drop them, so the tick stops when nobody is left.
      setPresence((previous) => {
        const next = new Map([...previous].filter(([, p]) => p.seenUntil > at));
        return next.size === previous.size ? previous : next;
      });
    }, 1_000);
    return () => clearInterval(tick);
  }, [presence.size]);

  const teammates = useMemo(
    () =>
      [...presence.entries()]
        .filter(([, p]) => p.seenUntil > now)
        .map(([userId, p]) => ({ userId, name: p.name, typing: p.typingUntil > now }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [presence, now],
  );

  const state = useMemo<LiveState>(
    () => ({
      waiting,
      applyWaiting: () => {
        setWaiting(0);
        startTransition(() => router.refresh());
      },
      setSelecting: (value) => {
        selecting.current = value;
        // Done selecting: nothing can jump under the pointer any more.
        if (!value) {
          setWaiting((n) => {
            if (n > 0) refresh();
            return 0;
          });
        }
      },
      lost,
      teammates,
      typing: () => {
        if (!openId || Date.now() - lastTyping.current < TYPING_EVERY_MS) return;
        lastTyping.current = Date.now();
        announce(openId, "typing");
      },
      notices,
      dismiss: (id) => setNotices((list) => list.filter((n) => n.id !== id)),
    }),
    [waiting, lost, teammates, notices, openId, refresh, router],
  );

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
