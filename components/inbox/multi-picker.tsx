"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { PickerSearch, usePickerSearch } from "./picker-search";
import type { PickableUser } from "./user-picker";

/** A searchable list of checkboxes: several people or several groups. */
export function MultiPicker({
  items,
  value,
  onChange,
  label,
  kind = "users",
}: {
  items: PickableUser[];
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
  kind?: "users" | "groups";
}) {
  const t = useTranslations("picker");
  const id = useId();
  const { query, setQuery, visible } = usePickerSearch(items);
  return (
    <div className="space-y-1.5">
      <PickerSearch id={`${id}-search`} label={label} placeholder={t("placeholderMany")} query={query} onQueryChange={setQuery} />
      <fieldset className="max-h-44 overflow-y-auto rounded-md border border-slate-200">
        <legend className="sr-only">{label}</legend>
        {visible.length === 0 ? (
          <p className="px-3 py-2 text-sm text-muted">
            {kind === "users" ? t("noMatch") : items.length === 0 ? t("noGroups") : t("noGroupMatch")}
          </p>
        ) : null}
        {visible.map((item) => (
          <label key={item.id} className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              checked={value.includes(item.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, item.id] : value.filter((v) => v !== item.id))}
              className="size-4 accent-brand-600"
            />
            {item.name}
          </label>
        ))}
      </fieldset>
      <p className="text-xs text-muted">{t("chosen", { count: value.length })}</p>
    </div>
  );
}
