"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useTranslations } from "next-intl";

export type ConversationAction = "assign" | "markUnread" | "close";

/** The three-dots menu of the conversation's top bar. */
export function ConversationMenu({
  available,
  onSelect,
  triggerRef,
}: {
  available: ConversationAction[];
  onSelect?: (action: ConversationAction) => void;
  triggerRef?: React.Ref<HTMLButtonElement>;
}) {
  const t = useTranslations("conversation");
  const items: ConversationAction[] = ["assign", "markUnread", "close"];
  return (
    // Not modal: a menu hides nothing from assistive technology (a modal one set aria-hidden on the
    // page while its controls stayed focusable); Escape, Tab and a click outside still close it.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        ref={triggerRef}
        aria-label={t("actions")}
        className="rounded-md p-2 text-muted hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <circle cx="10" cy="4" r="1.6" />
          <circle cx="10" cy="10" r="1.6" />
          <circle cx="10" cy="16" r="1.6" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-52 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          {items.map((item) => (
            <DropdownMenu.Item
              key={item}
              disabled={!available.includes(item)}
              onSelect={() => onSelect?.(item)}
              className="cursor-pointer rounded px-3 py-2 outline-none data-[disabled]:cursor-not-allowed data-[disabled]:text-slate-400 data-[highlighted]:bg-slate-100"
            >
              {t(item)}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
