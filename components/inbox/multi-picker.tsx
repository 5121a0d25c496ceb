"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import type { PickableUser } from "./user-picker";

/** A searchable list of checkboxes: several people or several groups. */
export function MultiPicker({
  items,
  value,
  onChange,
  label,
}: {
  items: PickableUser[];
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
}) {
  const t = useTranslations("picker");
  const [query, setQuery] = useState("");
  const id = useId();
  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? items.filter((i) => i.name.toLocaleLowerCase().includes(q)) : items;
  }, [items, query]);
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
        placeholder={t("placeholderMany")}
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
      <fieldset className="max-h-44 overflow-y-auto rounded-md border border-slate-200">
        <legend className="sr-only">{label}</legend>
        {visible.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">{t("noMatch")}</p> : null}
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
      <p className="text-xs text-slate-500">{t("chosen", { count: value.length })}</p>
    </div>
  );
}
