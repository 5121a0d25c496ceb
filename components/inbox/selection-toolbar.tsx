"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { countSelectionAction } from "@/lib/actions/inbox";
import type { BulkSelection } from "@/lib/assignment/bulk-input";
import type { DomainError } from "@/lib/errors";
import { BulkAssignDialog } from "./bulk-assign-dialog";
import { useSelection } from "./selection";
import type { PickableUser } from "./user-picker";

/** "Seleccionar conversaciones": one by one or every match of the filter, then the bulk dialog. */
export function SelectionToolbar({
  filterParams,
  assignees,
  groups,
}: {
  filterParams: Record<string, string>;
  assignees: PickableUser[];
  groups: PickableUser[];
}) {
  const t = useTranslations("bulk");
  const te = useTranslations("errors");
  const locale = useLocale();
  const { mode, setMode, selected, clear } = useSelection();
  const [all, setAll] = useState<{ count: number; cutoff: string } | null>(null);
  const [error, setError] = useState<DomainError | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  // A finished bulk turns selection off and its button goes away: focus comes back to this box.
  const selectBox = useRef<HTMLInputElement>(null);
  const paramsKey = JSON.stringify(filterParams);

  useEffect(() => {
    setAll(null);
    setError(null);
    if (mode !== "all") return;
    let cancelled = false;
    countSelectionAction(JSON.parse(paramsKey)).then((result) => {
      if (cancelled) return;
      if (result.ok) setAll({ count: result.count, cutoff: result.cutoff });
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [mode, paramsKey]);

  const count = mode === "all" ? (all?.count ?? null) : selected.size;
  // "1.240 conversaciones": Spanish groups thousands from four digits on in this product.
  const formatted = count === null ? null : new Intl.NumberFormat(locale, { useGrouping: "always" }).format(count);
  const selection: BulkSelection | null =
    mode === "all" && all
      ? { kind: "filter", params: filterParams, cutoff: all.cutoff }
      : mode === "individual" && selected.size > 0
        ? { kind: "ids", ids: [...selected] }
        : null;

  return (
    <div className="space-y-2 border-b border-slate-200 px-3 py-2 text-sm" data-testid="selection-toolbar">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <label className="flex items-center gap-2 font-medium">
          <input
            ref={selectBox}
            type="checkbox"
            checked={mode !== "off"}
            onChange={(e) => setMode(e.target.checked ? "individual" : "off")}
            className="size-4 accent-brand-600"
          />
          {t("select")}
        </label>
        {mode !== "off" ? (
          <div role="radiogroup" aria-label={t("howToSelect")} className="flex gap-3">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="selection-mode" checked={mode === "individual"} onChange={() => setMode("individual")} className="accent-brand-600" />
              {t("individually")}
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="selection-mode" checked={mode === "all"} onChange={() => setMode("all")} className="accent-brand-600" />
              {t("all")}
            </label>
          </div>
        ) : null}
      </div>
      {mode !== "off" ? (
        <div className="flex items-center gap-2">
          <p aria-live="polite" className="text-slate-700" data-testid="selection-count">
            {formatted === null ? t("counting") : t("selected", { count: count ?? 0, formatted })}
          </p>
          {mode === "individual" && selected.size > 0 ? (
            <button type="button" onClick={clear} className="text-brand-600 underline">
              {t("clear")}
            </button>
          ) : null}
          <button
            type="button"
            aria-label={t("assign")}
            title={t("assign")}
            disabled={!selection || count === 0}
            onClick={() => setDialogOpen(true)}
            className="ml-auto inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:bg-slate-300"
          >
            <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0H3Z" />
            </svg>
            {t("assignShort")}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="text-red-700" role="alert">
          {te(error)}
        </p>
      ) : null}
      {selection && dialogOpen ? (
        <BulkAssignDialog
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          selection={selection}
          count={count ?? 0}
          assignees={assignees}
          groups={groups}
          onFinished={() => setMode("off")}
          returnFocusTo={selectBox}
        />
      ) : null}
    </div>
  );
}
