"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";

const fold = (text: string) => text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/** The filter box of the user and group pickers: what it says, and the items whose name matches. */
export function usePickerSearch<T extends { name: string }>(items: T[]) {
  const [query, setQuery] = useState("");
  const visible = useMemo(() => {
    const q = fold(query.trim());
    return q ? items.filter((i) => fold(i.name).includes(q)) : items;
  }, [items, query]);
  return { query, setQuery, visible };
}

export function PickerSearch({
  id,
  label,
  placeholder,
  query,
  onQueryChange,
}: {
  id: string;
  label: string;
  placeholder: string;
  query: string;
  onQueryChange: (query: string) => void;
}) {
  const t = useTranslations("picker");
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {t("search", { label })}
      </label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(e) => onQueryChange(e.target.value)}
        placeholder={placeholder}
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
    </>
  );
}
