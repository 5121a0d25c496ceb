"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { assignConversationAction } from "@/lib/actions/inbox";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Dialog } from "@/components/ui/dialog";
import { AssignFields, useAssignForm } from "./assign-form";
import type { PickableUser } from "./user-picker";

export interface AssignContext {
  conversationId: string;
  version: number;
  contactOwner: { id: string; name: string; assignable: boolean } | null;
  assignees: PickableUser[];
}

export function AssignDialog({
  open,
  onOpenChange,
  context,
  onDone,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  context: AssignContext;
  onDone: (result: { visible: boolean; unchanged?: boolean }) => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("assign");
  const te = useTranslations("errors");
  const form = useAssignForm("single");
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const chosen = form.choose();
    if (!chosen) return;
    startTransition(async () => {
      // The action re-renders the inbox itself; no refresh of our own on top.
      const result = await assignConversationAction({ conversationId: context.conversationId, version: context.version, ...chosen });
      if (!result.ok) return form.setError(te(result.error));
      form.reset();
      onOpenChange(false);
      onDone({ visible: result.visible, unchanged: result.summary.skipped.some((s) => s.reason === "unchanged") });
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.reset();
        onOpenChange(next);
      }}
      title={t("title")}
      returnFocusTo={returnFocusTo}
    >
      <form onSubmit={submit} className="space-y-5" noValidate>
        <AssignFields form={form} assignees={context.assignees} contactOwner={context.contactOwner} />
        <DialogFooter
          error={form.error}
          pending={pending}
          onCancel={() => onOpenChange(false)}
          cancelLabel={t("cancel")}
          submitLabel={t("accept")}
          pendingLabel={t("saving")}
        />
      </form>
    </Dialog>
  );
}
