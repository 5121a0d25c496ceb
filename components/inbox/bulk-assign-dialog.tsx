"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { assignBulkAction } from "@/lib/actions/inbox";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { focusOnMount } from "@/components/ui/focus-return";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { AssignSummary } from "@/lib/assignment/assign-conversations";
import type { BulkSelection } from "@/lib/assignment/bulk-input";
import { AssignFields, useAssignForm } from "./assign-form";
import type { PickableUser } from "./user-picker";

export function BulkAssignDialog({
  open,
  onOpenChange,
  selection,
  count,
  assignees,
  groups,
  onFinished,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  selection: BulkSelection;
  count: number;
  assignees: PickableUser[];
  groups: PickableUser[];
  onFinished: () => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("bulk");
  const ta = useTranslations("assign");
  const te = useTranslations("errors");
  const locale = useLocale();
  const form = useAssignForm("bulk");
  const [summary, setSummary] = useState<AssignSummary | null>(null);
  const [pending, startTransition] = useTransition();
  const number = new Intl.NumberFormat(locale, { useGrouping: "always" });
  const nameOf = (id: string | null) => (id ? (assignees.find((a) => a.id === id)?.name ?? "—") : ta("none"));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const chosen = form.choose();
    if (!chosen) return;
    startTransition(async () => {
      // The action re-renders the inbox itself; no refresh of our own on top.
      const result = await assignBulkAction({ selection, ...chosen });
      if (!result.ok) return form.setError(te(result.error));
      setSummary(result.summary);
    });
  }

  function finish() {
    onOpenChange(false);
    if (summary) onFinished();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : finish())}
      title={ta("title")}
      description={t("selected", { count, formatted: number.format(count) })}
      returnFocusTo={returnFocusTo}
    >
      {summary ? (
        <div className="space-y-4" data-testid="bulk-summary">
          <h3 ref={focusOnMount} tabIndex={-1} className="font-medium focus:outline-none">{t("summary.title", { total: summary.total, formatted: number.format(summary.total) })}</h3>
          <ul className="space-y-1 text-sm">
            {summary.assigned.map((a) => (
              <li key={a.userId ?? "none"}>{t("summary.assigned", { name: nameOf(a.userId), count: a.count, formatted: number.format(a.count) })}</li>
            ))}
            {summary.skipped.map((s) => (
              <li key={s.reason} className="text-amber-800">
                {t(`summary.skipped.${s.reason}`, { count: s.count, formatted: number.format(s.count) })}
              </li>
            ))}
            {summary.changedSinceCount ? (
              <li className="text-amber-800">
                {t("summary.changedSinceCount", { count: summary.changedSinceCount, formatted: number.format(summary.changedSinceCount) })}
              </li>
            ) : null}
          </ul>
          {summary.transferred.contact + summary.transferred.opportunities + summary.transferred.activities + summary.transferred.tasks > 0 ? (
            <p className="text-sm text-muted">{t("summary.transferred", summary.transferred)}</p>
          ) : null}
          <div className="flex justify-end">
            <Button type="button" onClick={finish}>
              {t("summary.close")}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-5" noValidate>
          <AssignFields form={form} assignees={assignees} groups={groups} />
          <DialogFooter
            error={form.error}
            pending={pending}
            onCancel={() => onOpenChange(false)}
            cancelLabel={ta("cancel")}
            submitLabel={ta("accept")}
            pendingLabel={ta("saving")}
          />
        </form>
      )}
    </Dialog>
  );
}
