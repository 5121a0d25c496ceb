/**
 * A search field (name "q") with its button, inside the caller's form: the label is for screen
 * readers only, since the placeholder and the button already say what the field is for.
 */
export function SearchBox({
  id,
  label,
  placeholder,
  defaultValue,
  buttonLabel,
  maxLength = 100,
}: {
  id: string;
  label: string;
  placeholder: string;
  defaultValue?: string;
  buttonLabel: string;
  maxLength?: number;
}) {
  return (
    <div className="flex gap-2">
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue ?? ""}
        placeholder={placeholder}
        maxLength={maxLength}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      />
      <button type="submit" className="rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700">
        {buttonLabel}
      </button>
    </div>
  );
}
