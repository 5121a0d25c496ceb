"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { assignConversationAction } from "@/app/(app)/inbox/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { SingleTarget, TransferOptions } from "@/lib/assignment/input";
import { UserPicker, type PickableUser } from "./user-picker";

type Mode = SingleTarget["mode"];
type Entity = "contact" | "opportunities" | "activities" | "tasks";

export interface AssignContext {
  conversationId: string;
  version: number;
  contactOwner: { id: string; name: string; assignable: boolean } | null;
  assignees: PickableUser[];
}

export function AssignDialog({
  open,
  onOpenChange,
  context,
  onDone,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  context: AssignContext;
  onDone: (result: { visible: boolean }) => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("assign");
  const te = useTranslations("errors");
  const router = useRouter();
  const [mode, setMode] = useState<Mode | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [markUnread, setMarkUnread] = useState(false);
  const [entities, setEntities] = useState<Record<Entity, boolean>>({
    contact: false,
    opportunities: false,
    activities: false,
    tasks: false,
  });
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const ownerAvailable = Boolean(context.contactOwner?.assignable);

  function reset() {
    setMode(null);
    setUserId(null);
    setMarkUnread(false);
    setEntities({ contact: false, opportunities: false, activities: false, tasks: false });
    setOnlyOpen(true);
    setError(null);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!mode) return setError(t("errors.pickMode"));
    if (mode === "user" && !userId) return setError(t("errors.pickUser"));
    const target: SingleTarget = mode === "user" ? { mode, userId: userId! } : { mode };
    const transfer: TransferOptions = { ...entities, onlyOpen };
    setError(null);
    startTransition(async () => {
      const result = await assignConversationAction({
        conversationId: context.conversationId,
        version: context.version,
        target,
        markUnread,
        transfer,
      });
      if (!result.ok) return setError(te(result.error));
      reset();
      onOpenChange(false);
      onDone({ visible: result.visible });
      router.refresh();
    });
  }

  const entityOptions: { key: Entity; label: string }[] =
    mode === "contact_owner"
      ? [
          { key: "opportunities", label: t("openOpportunities") },
          { key: "activities", label: t("pendingActivities") },
          { key: "tasks", label: t("pendingTasks") },
        ]
      : [
          { key: "contact", label: t("contact") },
          { key: "opportunities", label: t("opportunities") },
          { key: "activities", label: t("activities") },
          { key: "tasks", label: t("tasks") },
        ];

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) reset();
        onOpenChange(next);
      }}
      title={t("title")}
      returnFocusTo={returnFocusTo}
    >
      <form onSubmit={submit} className="space-y-5" noValidate>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">
            {t("assignTo")} <span aria-hidden className="text-red-600">*</span>
          </legend>
          <label className={`flex items-center gap-2 text-sm ${ownerAvailable ? "" : "text-slate-400"}`}>
            <input
              type="radio"
              name="mode"
              value="contact_owner"
              checked={mode === "contact_owner"}
              disabled={!ownerAvailable}
              onChange={() => {
                setMode("contact_owner");
                setError(null);
              }}
              className="accent-brand-600"
              aria-describedby="contact-owner-hint"
            />
            {t("contactOwner")}
          </label>
          <p id="contact-owner-hint" className="ml-6 text-xs text-slate-500">
            {context.contactOwner
              ? ownerAvailable
                ? context.contactOwner.name
                : t("contactOwnerInactive", { name: context.contactOwner.name })
              : t("contactHasNoOwner")}
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="mode"
              value="user"
              checked={mode === "user"}
              onChange={() => {
                setMode("user");
                setError(null);
              }}
              className="accent-brand-600"
            />
            {t("specificUser")}
          </label>
          {mode === "user" ? (
            <div className="ml-6">
              <UserPicker
                users={context.assignees}
                value={userId}
                onChange={(id) => {
                  setUserId(id);
                  setError(null);
                }}
                label={t("user")}
              />
            </div>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="mode"
              value="none"
              checked={mode === "none"}
              onChange={() => {
                setMode("none");
                setError(null);
              }}
              className="accent-brand-600"
            />
            {t("none")}
          </label>
        </fieldset>

        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={markUnread}
            onChange={(e) => setMarkUnread(e.target.checked)}
            className="size-4 accent-brand-600"
          />
          {t("markUnread")}
        </label>

        {mode && mode !== "none" ? (
          <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">{t("transfer")}</legend>
            <div className="grid grid-cols-2 gap-2">
              {entityOptions.map(({ key, label }) => (
                <label key={key} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={entities[key]}
                    onChange={(e) => setEntities((prev) => ({ ...prev, [key]: e.target.checked }))}
                    className="size-4 accent-brand-600"
                  />
                  {label}
                </label>
              ))}
            </div>
            {mode === "user" ? (
              <label className="flex items-center gap-2 border-t border-slate-100 pt-2 text-sm">
                <input
                  type="checkbox"
                  checked={onlyOpen}
                  onChange={(e) => setOnlyOpen(e.target.checked)}
                  className="size-4 accent-brand-600"
                />
                {t("onlyOpen")}
              </label>
            ) : null}
          </fieldset>
        ) : null}

        {error ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert" data-testid="dialog-error">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? t("saving") : t("accept")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
