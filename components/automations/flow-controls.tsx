"use client";

import { useTranslations } from "next-intl";
import { useOptimistic, useState, useTransition } from "react";
import { deleteAutomationAction, toggleAutomationAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function FlowControls({ id, name, active }: { id: string; name: string; active: boolean }) {
  const t = useTranslations("automations");
  const te = useTranslations("errors");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The box shows the new state at once; if the server refuses, it falls back when the action ends.
  const [shownActive, showActive] = useOptimistic(active);
  const act = (work: () => Promise<{ ok: boolean; error?: string }>, optimistic?: () => void) =>
    startTransition(async () => {
      optimistic?.();
      const result = await work();
      // Not closed on success: a deleted flow leaves the page with its dialog. Closing it first would
      // hand the focus back to this flow's button just before it goes, dropping focus to the top.
      setError(result.ok ? null : te((result.error ?? "unexpected") as "unexpected"));
    });
  return (
    <div className="flex flex-col items-end gap-2 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={shownActive}
          aria-label={`${t("active")}: ${name}`}
          // aria-disabled rather than disabled: a disabled control drops keyboard focus to the page.
          aria-disabled={pending || undefined}
          onChange={(e) => {
            if (pending) return;
            const next = e.target.checked;
            act(() => toggleAutomationAction({ id, active: next }), () => showActive(next));
          }}
          className="size-4 accent-brand-600"
        />
        {t("active")}
      </label>
      <button type="button" onClick={() => setConfirming(true)} className="text-red-700 underline" aria-label={`${t("delete")}: ${name}`}>
        {t("delete")}
      </button>
      {error ? <p role="alert" className="text-red-700">{error}</p> : null}
      <Dialog open={confirming} onOpenChange={setConfirming} title={t("deleteTitle")} description={t("deleteConfirm", { name })}>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
          <Button type="button" variant="danger" disabled={pending} onClick={() => act(() => deleteAutomationAction(id))}>
            {t("delete")}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
