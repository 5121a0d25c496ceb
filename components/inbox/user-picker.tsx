"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { PickerSearch, usePickerSearch } from "./picker-search";

export interface PickableUser {
  id: string;
  name: string;
}

/** A searchable single choice among the account's assignable people: a filter box over radio buttons. */
export function UserPicker({
  users,
  value,
  onChange,
  label,
  invalid,
  describedBy,
}: {
  users: PickableUser[];
  value: string | null;
  onChange: (id: string) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const t = useTranslations("picker");
  const id = useId();
  const { query, setQuery, visible } = usePickerSearch(users);
  return (
    <div className="space-y-1.5">
      <PickerSearch id={`${id}-search`} label={label} placeholder={t("placeholder")} query={query} onQueryChange={setQuery} />
      <div
        role="radiogroup"
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="max-h-44 overflow-y-auto rounded-md border border-slate-200"
      >
        {visible.length === 0 ? <p className="px-3 py-2 text-sm text-muted">{t("noMatch")}</p> : null}
        {visible.map((u) => (
          <label key={u.id} className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50">
            <input
              type="radio"
              name={`${id}-user`}
              value={u.id}
              checked={value === u.id}
              onChange={() => onChange(u.id)}
              className="accent-brand-600"
            />
            {u.name}
          </label>
        ))}
      </div>
    </div>
  );
}
