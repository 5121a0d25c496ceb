"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { closeConversationAction } from "@/lib/actions/inbox";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Dialog } from "@/components/ui/dialog";
import { closeSchema } from "@/lib/closing/input";
import { UserPicker, type PickableUser } from "./user-picker";

export function CloseDialog({
  open,
  onOpenChange,
  conversationId,
  version,
  assignees,
  onDone,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  conversationId: string;
  version: number;
  assignees: PickableUser[];
  onDone: (result: { visible: boolean }) => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("closeDialog");
  const te = useTranslations("errors");
  const [reason, setReason] = useState("");
  const [handOver, setHandOver] = useState(false);
  const [handOverTo, setHandOverTo] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function reset() {
    setReason("");
    setHandOver(false);
    setHandOverTo(null);
    setReasonError(null);
    setError(null);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { conversationId, version, reason, handOverTo: handOver ? (handOverTo ?? undefined) : undefined };
    // The same schema the server applies, so the person sees the rule before sending.
    const parsed = closeSchema.safeParse(input);
    const reasonIssue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "reason");
    setReasonError(reasonIssue ? t(`errors.${reasonIssue.message as "reasonTooShort" | "reasonTooLong"}`) : null);
    setError(handOver && !handOverTo ? t("errors.pickUser") : null);
    if (reasonIssue || (handOver && !handOverTo)) return;
    startTransition(async () => {
      const result = await closeConversationAction(input);
      if (!result.ok) return setError(te(result.error));
      reset();
      onOpenChange(false);
      onDone({ visible: result.visible });
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) reset();
        onOpenChange(next);
      }}
      title={t("title")}
      returnFocusTo={returnFocusTo}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="space-y-1">
          <label htmlFor="close-reason" className="block text-sm font-medium">
            {t("description")} <span aria-hidden className="text-red-600">*</span>
          </label>
          <textarea
            id="close-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(null);
            }}
            rows={4}
            maxLength={1000}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby="close-reason-help"
            placeholder={t("placeholder")}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <p id="close-reason-help" className={`text-xs ${reasonError ? "text-red-700" : "text-muted"}`}>
            {reasonError ?? t("help", { count: reason.trim().length })}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={handOver}
            onChange={(e) => setHandOver(e.target.checked)}
            className="size-4 accent-brand-600"
          />
          {t("handOver")}
        </label>
        {handOver ? <UserPicker users={assignees} value={handOverTo} onChange={setHandOverTo} label={t("handOverUser")} /> : null}
        {!handOver ? <p className="text-xs text-muted">{t("staysWithYou")}</p> : null}
        <DialogFooter
          error={error}
          pending={pending}
          onCancel={() => onOpenChange(false)}
          cancelLabel={t("cancel")}
          submitLabel={t("submit")}
          pendingLabel={t("saving")}
        />
      </form>
    </Dialog>
  );
}
