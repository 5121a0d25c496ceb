import type { InputHTMLAttributes } from "react";

/** A labelled input of the sign-in and password pages, with an optional hint under it. */
export function AuthField({
  id,
  label,
  hint,
  describedBy,
  invalid,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  /** Ids of other text that describes the field (an error), besides its hint. */
  describedBy?: string;
  invalid?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "aria-invalid" | "aria-describedby">) {
  const hintId = hint ? `${id}-hint` : undefined;
  const described = [hintId, describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={id}
        aria-invalid={invalid || undefined}
        aria-describedby={described}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:ring-1 focus:ring-brand-600 focus:outline-none"
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
