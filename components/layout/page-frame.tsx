import type { ReactNode } from "react";

const SPACING = { 4: "space-y-4", 6: "space-y-6", 8: "space-y-8" } as const;

/** A content page of the app: the scrolling column, its one <h1>, the line under it, and an optional action beside them. */
export function PageFrame({
  title,
  intro,
  action,
  wide = false,
  spacing = 4,
  children,
}: {
  title: string;
  intro?: string;
  action?: ReactNode;
  /** The audit's table has more columns than the rest. */
  wide?: boolean;
  spacing?: keyof typeof SPACING;
  children: ReactNode;
}) {
  return (
    <div className={`mx-auto w-full ${wide ? "max-w-6xl" : "max-w-5xl"} flex-1 ${SPACING[spacing]} overflow-y-auto p-4`}>
      <header className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold">{title}</h1>
          {intro ? <p className="text-sm text-muted">{intro}</p> : null}
        </div>
        {action}
      </header>
      {children}
    </div>
  );
}
