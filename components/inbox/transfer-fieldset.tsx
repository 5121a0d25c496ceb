"use client";

import { useTranslations } from "next-intl";
import type { TransferOptions } from "@/lib/assignment/input";

type Entity = Exclude<keyof TransferOptions, "onlyOpen">;

/**
 * "Transferir otras entidades al mismo dueño", shared by the single and the bulk dialog: with the
 * contact's owner only open deals and pending items can move; otherwise all four kinds, with
 * "Solo abiertas y pendientes" on by default.
 */
export function TransferFieldset({
  toContactOwner,
  value,
  onChange,
}: {
  toContactOwner: boolean;
  value: TransferOptions;
  onChange: (value: TransferOptions) => void;
}) {
  const t = useTranslations("assign");
  const options: { key: Entity; label: string }[] = toContactOwner
    ? [
        { key: "opportunities", label: t("openOpportunities") },
        { key: "activities", label: t("pendingActivities") },
        { key: "tasks", label: t("pendingTasks") },
      ]
    : [
        { key: "contact", label: t("contact") },
        { key: "opportunities", label: t("opportunities") },
        { key: "activities", label: t("activities") },
        { key: "tasks", label: t("tasks") },
      ];
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">{t("transfer")}</legend>
      <div className="grid grid-cols-2 gap-2">
        {options.map(({ key, label }) => (
          <label key={key} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.checked })}
              className="size-4 accent-brand-600"
            />
            {label}
          </label>
        ))}
      </div>
      {toContactOwner ? null : (
        <label className="flex items-center gap-2 border-t border-slate-100 pt-2 text-sm">
          <input
            type="checkbox"
            checked={value.onlyOpen}
            onChange={(e) => onChange({ ...value, onlyOpen: e.target.checked })}
            className="size-4 accent-brand-600"
          />
          {t("onlyOpen")}
        </label>
      )}
    </fieldset>
  );
}
