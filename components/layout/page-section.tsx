import type { ReactNode } from "react";

/** A titled part of a content page, named by its <h2> for assistive technology; `card` draws it as a panel. */
export function PageSection({
  id,
  title,
  card = false,
  compact = false,
  testId,
  children,
}: {
  /** The heading's id, unique on the page. */
  id: string;
  title: ReactNode;
  card?: boolean;
  compact?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const space = compact ? "space-y-2" : "space-y-3";
  return (
    <section aria-labelledby={id} className={card ? `${space} rounded-lg border border-slate-200 bg-white p-4` : space} data-testid={testId}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
