"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";

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
  const [query, setQuery] = useState("");
  const id = useId();
  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? users.filter((u) => u.name.toLocaleLowerCase().includes(q)) : users;
  }, [users, query]);
  return (
    <div className="space-y-1.5">
      <label htmlFor={`${id}-search`} className="sr-only">
        {t("search", { label })}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t("placeholder")}
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
      <div
        role="radiogroup"
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="max-h-44 overflow-y-auto rounded-md border border-slate-200"
      >
        {visible.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">{t("noMatch")}</p> : null}
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
