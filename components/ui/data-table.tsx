import type { ReactNode } from "react";

type Column = string | { label: string; align: "right" };

/**
 * The app's tables (users, contacts, audit, automation runs): a caption for screen readers, a
 * header row, and the empty-state line in place of an empty table. The wrapper scrolls sideways
 * on a phone, so it is a labelled region keyboard users can reach and scroll.
 */
export function DataTable({
  label,
  columns,
  rowCount,
  empty,
  testId,
  children,
}: {
  label: string;
  columns: Column[];
  rowCount: number;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  if (rowCount === 0) return <>{empty}</>;
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{label}</caption>
        <thead className="bg-slate-50 text-xs text-muted uppercase">
          <tr>
            {columns.map((column) => {
              const { label: text, align } = typeof column === "string" ? { label: column, align: undefined } : column;
              return (
                <th key={text} scope="col" className={`px-3 py-2 ${align === "right" ? "text-right" : ""}`}>
                  {text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
