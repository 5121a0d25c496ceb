"use client";

import { Button } from "./button";

/** A dialog form's error line and its Cancel / submit buttons. */
export function DialogFooter({
  error,
  pending,
  onCancel,
  cancelLabel,
  submitLabel,
  pendingLabel,
}: {
  error: string | null;
  pending: boolean;
  onCancel: () => void;
  cancelLabel: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  return (
    <>
      {error ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert" data-testid="dialog-error">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </>
  );
}
