"use client";

import { useEffect } from "react";
import { markReadAction } from "@/lib/actions/inbox";

/**
 * Opening an unread conversation as its owner reads it. Done after the page shows, as an action
 * of its own, so rendering a page never writes; the action re-renders the list without the mark.
 */
export function MarkReadOnOpen({ conversationId }: { conversationId: string }) {
  useEffect(() => {
    void markReadAction(conversationId);
  }, [conversationId]);
  return null;
}
