"use client";

import { useEffect } from "react";

/**
 * Opening a conversation takes the keyboard to its title: on a phone the list row that opened it is
 * hidden now, and on a desktop the next Tab reaches the conversation's actions instead of the rest
 * of the list. Someone whose focus is elsewhere (typing a search) keeps it.
 */
export function FocusTitleOnOpen({ conversationId, titleId }: { conversationId: string; titleId: string }) {
  useEffect(() => {
    const active = document.activeElement;
    const openedHere = active === document.body || active?.getAttribute("href")?.startsWith(`/inbox/${conversationId}`);
    if (openedHere) document.getElementById(titleId)?.focus();
  }, [conversationId, titleId]);
  return null;
}
