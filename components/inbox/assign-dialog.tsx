"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { assignConversationAction } from "@/lib/actions/inbox";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Dialog } from "@/components/ui/dialog";
import type { SingleTarget, TransferOptions } from "@/lib/assignment/input";
import { NO_ENTITIES, TransferFieldset, type EntityChoice } from "./transfer-fieldset";
import { UserPicker, type PickableUser } from "./user-picker";

type Mode = SingleTarget["mode"];

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
  onDone: (result: { visible: boolean; unchanged?: boolean }) => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("assign");
  const te = useTranslations("errors");
  const router = useRouter();
  const [mode, setMode] = useState<Mode | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [markUnread, setMarkUnread] = useState(false);
  const [entities, setEntities] = useState<EntityChoice>(NO_ENTITIES);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const ownerAvailable = Boolean(context.contactOwner?.assignable);

  function reset() {
    setMode(null);
    setUserId(null);
    setMarkUnread(false);
    setEntities(NO_ENTITIES);
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
      onDone({ visible: result.visible, unchanged: result.summary.skipped.some((s) => s.reason === "unchanged") });
      router.refresh();
    });
  }

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
          <TransferFieldset
            toContactOwner={mode === "contact_owner"}
            entities={entities}
            onEntitiesChange={setEntities}
            onlyOpen={onlyOpen}
            onOnlyOpenChange={setOnlyOpen}
          />
        ) : null}

        <DialogFooter
          error={error}
          pending={pending}
          onCancel={() => onOpenChange(false)}
          cancelLabel={t("cancel")}
          submitLabel={t("accept")}
          pendingLabel={t("saving")}
        />
      </form>
    </Dialog>
  );
}
