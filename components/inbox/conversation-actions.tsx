"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { markUnreadAction } from "@/lib/actions/inbox";
import { AssignDialog, type AssignContext } from "./assign-dialog";
import { CloseDialog } from "./close-dialog";
import { ConversationMenu, type ConversationAction } from "./conversation-menu";

/** The three-dots menu and the dialogs it opens, for admins and the conversation's owner. */
export function ConversationActions({ context, isOpen }: { context: AssignContext; isOpen: boolean }) {
  const t = useTranslations("conversation");
  const te = useTranslations("errors");
  const router = useRouter();
  const [dialog, setDialog] = useState<ConversationAction | null>(null);
  // Errors and "nothing changed" are shown; a plain success is only announced (the page shows it).
  const [notice, setNotice] = useState<{ text: string; visible?: boolean; error?: boolean } | null>(null);
  const [, startTransition] = useTransition();
  const menuButton = useRef<HTMLButtonElement>(null);

  // A seller who gives the conversation away can no longer see it: back to the list, with word of what happened.
  const after = (message: "assigned" | "closed") => (result: { visible: boolean; unchanged?: boolean }) => {
    if (!result.visible) router.push(`/inbox?notice=${message}`);
    else if (result.unchanged) setNotice({ text: t("done.unchanged"), visible: true });
    else setNotice({ text: t(`done.${message}`) });
  };

  function select(action: ConversationAction) {
    setNotice(null);
    if (action !== "markUnread") return setDialog(action);
    startTransition(async () => {
      const result = await markUnreadAction(context.conversationId);
      if (!result.ok) setNotice({ text: te(result.error), visible: true, error: true });
      else setNotice(result.marked > 0 ? { text: t("done.markedUnread") } : { text: t("done.alreadyUnread"), visible: true });
    });
  }

  return (
    <>
      <ConversationMenu
        available={isOpen ? ["assign", "markUnread", "close"] : ["assign", "markUnread"]}
        onSelect={select}
        triggerRef={menuButton}
      />
      <p role="status" className={notice?.error ? "text-sm text-red-700" : notice?.visible ? "text-sm text-slate-700" : "sr-only"}>
        {notice?.text}
      </p>
      <AssignDialog
        open={dialog === "assign"}
        onOpenChange={(open) => setDialog(open ? "assign" : null)}
        context={context}
        returnFocusTo={menuButton}
        onDone={after("assigned")}
      />
      <CloseDialog
        open={dialog === "close"}
        onOpenChange={(open) => setDialog(open ? "close" : null)}
        conversationId={context.conversationId}
        version={context.version}
        assignees={context.assignees}
        returnFocusTo={menuButton}
        onDone={after("closed")}
      />
    </>
  );
}
