"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

export type SelectionMode = "off" | "individual" | "all";

interface SelectionState {
  mode: SelectionMode;
  setMode: (mode: SelectionMode) => void;
  selected: ReadonlySet<string>;
  toggle: (id: string, index: number, range: boolean) => void;
  clear: () => void;
  rowIds: readonly string[];
}

const SelectionContext = createContext<SelectionState | null>(null);

export function useSelection() {
  const state = useContext(SelectionContext);
  if (!state) throw new Error("useSelection outside SelectionProvider");
  return state;
}

/** Which conversations are ticked; shift-click ticks the whole range from the last click. */
export function SelectionProvider({ rowIds, children }: { rowIds: string[]; children: React.ReactNode }) {
  const [mode, setModeState] = useState<SelectionMode>("off");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);

  const toggle = useCallback(
    (id: string, index: number, range: boolean) => {
      // Read the anchor now: the updater below runs later, after it has moved.
      const from = anchor.current;
      setSelected((previous) => {
        const next = new Set(previous);
        const on = !previous.has(id);
        if (range && from !== null) {
          const [start, end] = [Math.min(from, index), Math.max(from, index)];
          for (const rowId of rowIds.slice(start, end + 1)) {
            if (on) next.add(rowId);
            else next.delete(rowId);
          }
        } else if (on) next.add(id);
        else next.delete(id);
        return next;
      });
      anchor.current = index;
    },
    [rowIds],
  );
  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);
  const setMode = useCallback(
    (next: SelectionMode) => {
      setModeState(next);
      if (next === "off") clear();
    },
    [clear],
  );
  const value = useMemo(() => ({ mode, setMode, selected, toggle, clear, rowIds }), [mode, setMode, selected, toggle, clear, rowIds]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function RowCheckbox({ id, index, label }: { id: string; index: number; label: string }) {
  const { mode, selected, toggle } = useSelection();
  if (mode === "off") return null;
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={mode === "all" || selected.has(id)}
      disabled={mode === "all"}
      onChange={() => undefined}
      onClick={(event) => toggle(id, index, event.shiftKey)}
      className="mt-3 ml-3 size-4 shrink-0 accent-brand-600"
      data-testid="row-checkbox"
    />
  );
}
