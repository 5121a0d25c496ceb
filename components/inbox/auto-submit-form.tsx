"use client";

import Form from "next/form";

// Selects and checkboxes apply at once; the text search waits for Enter or the button.
export function AutoSubmitForm({ action, label, children }: { action: string; label: string; children: React.ReactNode }) {
  return (
    <Form
      action={action}
      aria-label={label}
      role="search"
      className="space-y-2 border-b border-slate-200 p-3"
      onChange={(event) => {
        const target = event.target as HTMLElement;
        if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === "checkbox")) {
          event.currentTarget.requestSubmit();
        }
      }}
    >
      {children}
    </Form>
  );
}
