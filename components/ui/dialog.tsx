"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useRef } from "react";
import { rememberOpener, returnFocus, type FocusReturn } from "./focus-return";

/** A modal with a title, an optional description and the house look; Radix traps focus and handles Escape. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  returnFocusTo,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  /** Where focus goes when it closes if what opened it is gone (a menu's item, a bar that closed). */
  returnFocusTo?: React.RefObject<HTMLElement | null>;
  children: React.ReactNode;
}) {
  const focusReturn = useRef<FocusReturn>({ opener: null, headings: [] });
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content
          // Before Radix moves focus in: what has it now is what opened the dialog.
          onOpenAutoFocus={() => {
            focusReturn.current = rememberOpener();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus(focusReturn.current, returnFocusTo?.current);
          }}
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none"
        >
          <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mt-1 text-sm text-muted">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div className="mt-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;
