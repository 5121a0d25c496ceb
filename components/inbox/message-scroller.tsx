"use client";

import { useLayoutEffect, useRef } from "react";

/** The message history, kept scrolled to the newest message when it opens and when one arrives. */
export function MessageScroller({ count, label, children }: { count: number; label: string; children: React.ReactNode }) {
  const list = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [count]);
  return (
    // Focusable so a keyboard can scroll back through the history (nothing inside takes focus).
    <ol ref={list} aria-label={label} tabIndex={0} className="min-h-0 flex-1 space-y-2 overflow-y-auto bg-slate-100 p-4" data-testid="messages">
      {children}
    </ol>
  );
}
