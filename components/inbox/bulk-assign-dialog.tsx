"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { assignBulkAction } from "@/lib/actions/inbox";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { AssignSummary } from "@/lib/assignment/assign-conversations";
import type { BulkSelection, BulkTarget } from "@/lib/assignment/bulk-input";
import { MultiPicker } from "./multi-picker";
import { NO_ENTITIES, TransferFieldset, type EntityChoice } from "./transfer-fieldset";
import { UserPicker, type PickableUser } from "./user-picker";

type Mode = BulkTarget["mode"];

export function BulkAssignDialog({
  open,
  onOpenChange,
  selection,
  count,
  assignees,
  groups,
  onFinished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  selection: BulkSelection;
  count: number;
  assignees: PickableUser[];
  groups: PickableUser[];
  onFinished: () => void;
}) {
  const t = useTranslations("bulk");
  const ta = useTranslations("assign");
  const te = useTranslations("errors");
  const locale = useLocale();
  const router = useRouter();
  const [mode, setMode] = useState<Mode | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [poolKind, setPoolKind] = useState<"users" | "groups">("users");
  const [userIds, setUserIds] = useState<string[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [markUnread, setMarkUnread] = useState(false);
  const [entities, setEntities] = useState<EntityChoice>(NO_ENTITIES);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<AssignSummary | null>(null);
  const [pending, startTransition] = useTransition();
  const number = new Intl.NumberFormat(locale, { useGrouping: "always" });
  const nameOf = (id: string | null) => (id ? (assignees.find((a) => a.id === id)?.name ?? "—") : ta("none"));

  function target(): BulkTarget | string {
    switch (mode) {
      case null:
        return t("errors.pickMode");
      case "user":
        return userId ? { mode, userId } : ta("errors.pickUser");
      case "round_robin":
        if (poolKind === "users") {
          return userIds.length >= 2 ? { mode, pool: { kind: "users", userIds } } : t("errors.pickTwoUsers");
        }
        return groupIds.length >= 1 ? { mode, pool: { kind: "groups", groupIds } } : t("errors.pickGroup");
      default:
        return { mode };
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const chosen = target();
    if (typeof chosen === "string") return setError(chosen);
    setError(null);
    startTransition(async () => {
      const result = await assignBulkAction({ selection, target: chosen, markUnread, transfer: { ...entities, onlyOpen } });
      if (!result.ok) return setError(te(result.error));
      setSummary(result.summary);
      router.refresh();
    });
  }

  function finish() {
    onOpenChange(false);
    if (summary) onFinished();
  }

  const radio = (value: Mode, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="radio"
        name="bulk-mode"
        checked={mode === value}
        onChange={() => {
          setMode(value);
          setError(null);
        }}
        className="accent-brand-600"
      />
      {label}
    </label>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : finish())}
      title={ta("title")}
      description={t("selected", { count, formatted: number.format(count) })}
    >
      {summary ? (
        <div className="space-y-4" data-testid="bulk-summary">
          <h3 className="font-medium">{t("summary.title", { total: summary.total, formatted: number.format(summary.total) })}</h3>
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
            <p className="text-sm text-slate-600">{t("summary.transferred", summary.transferred)}</p>
          ) : null}
          <div className="flex justify-end">
            <Button type="button" onClick={finish}>
              {t("summary.close")}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-5" noValidate>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">
              {ta("assignTo")} <span aria-hidden className="text-red-600">*</span>
            </legend>
            {radio("contact_owner", ta("contactOwner"))}
            {radio("user", ta("specificUser"))}
            {mode === "user" ? (
              <div className="ml-6">
                <UserPicker users={assignees} value={userId} onChange={setUserId} label={ta("user")} />
              </div>
            ) : null}
            {radio("round_robin", t("roundRobin"))}
            {mode === "round_robin" ? (
              <div className="ml-6 space-y-2">
                <div role="radiogroup" aria-label={t("roundRobinKind")} className="flex gap-4 text-sm">
                  <label className="flex items-center gap-1.5">
                    <input type="radio" name="pool-kind" checked={poolKind === "users"} onChange={() => setPoolKind("users")} className="accent-brand-600" />
                    {t("individual")}
                  </label>
                  <label className="flex items-center gap-1.5">
                    <input type="radio" name="pool-kind" checked={poolKind === "groups"} onChange={() => setPoolKind("groups")} className="accent-brand-600" />
                    {t("grouped")}
                  </label>
                </div>
                {poolKind === "users" ? (
                  <MultiPicker items={assignees} value={userIds} onChange={setUserIds} label={t("users")} />
                ) : (
                  <MultiPicker items={groups} value={groupIds} onChange={setGroupIds} label={t("groups")} kind="groups" />
                )}
              </div>
            ) : null}
            {radio("none", ta("none"))}
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={markUnread} onChange={(e) => setMarkUnread(e.target.checked)} className="size-4 accent-brand-600" />
            {ta("markUnread")}
          </label>
          {mode && mode !== "none" ? (
            <TransferFieldset
              toContactOwner={mode === "contact_owner"}
              entities={entities}
              onEntitiesChange={setEntities}
              onlyOpen={onlyOpen}
              onOnlyOpenChange={setOnlyOpen}
            />
          ) : null}
          <DialogFooter
            error={error}
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
