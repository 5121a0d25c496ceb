"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { addGroupMemberAction, deleteGroupAction, removeGroupMemberAction, renameGroupAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { AccountGroup } from "@/lib/admin/groups";
import { groupNameSchema } from "@/lib/admin/group-input";
import type { DomainError } from "@/lib/errors";
import { ActionError } from "./action-error";

type Outcome = { ok: true } | { ok: false; error: DomainError };

/** One group: its members, adding and removing them, renaming and (confirmed) deleting it. */
export function GroupCard({ group, candidates }: { group: AccountGroup; candidates: { id: string; name: string }[] }) {
  const t = useTranslations("groups");
  const tr = useTranslations("roles");
  const [pick, setPick] = useState("");
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState(group.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  // Refusals of the card's own buttons (members) and of its dialogs are shown apart: a dialog
  // covers the card, and the same message twice would be read out twice.
  const [error, setError] = useState<DomainError | null>(null);
  const [dialogError, setDialogError] = useState<DomainError | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<Outcome>, after?: () => void, showError = setError) =>
    startTransition(async () => {
      const result = await work();
      showError(result.ok ? null : result.error);
      if (!result.ok) return;
      after?.();
    });

  // A refusal belongs to the dialog it happened in: it goes when the dialog opens or closes.
  const open = (show: (open: boolean) => void) => {
    setDialogError(null);
    show(true);
  };
  const closeWith = (show: (open: boolean) => void) => (next: boolean) => {
    if (!next) setDialogError(null);
    show(next);
  };

  function rename(event: React.FormEvent) {
    event.preventDefault();
    const parsed = groupNameSchema.safeParse(newName);
    if (!parsed.success) return setNameError(t(`errors.${parsed.error.issues[0]!.message as "nameRequired"}`));
    setNameError(null);
    run(() => renameGroupAction({ groupId: group.id, name: newName }), () => setRenaming(false), setDialogError);
  }

  const headingId = `group-${group.id}`;
  return (
    <section aria-labelledby={headingId} className="h-full space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="group">
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="font-semibold break-words">
            {group.name}
          </h2>
          <p className="text-xs text-muted">{t("members", { count: group.members.length })}</p>
        </div>
        <Button type="button" variant="ghost" className="px-2 py-1" onClick={() => open(setRenaming)} aria-label={`${t("rename")} ${group.name}`}>
          {t("rename")}
        </Button>
        <Button type="button" variant="ghost" className="px-2 py-1 text-red-700" onClick={() => open(setDeleting)} aria-label={`${t("delete")} ${group.name}`}>
          {t("delete")}
        </Button>
      </div>

      {group.members.length === 0 ? (
        <p className="text-sm text-muted">{t("noMembers")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {group.members.map((m) => (
            <li key={m.id} className="flex items-center gap-2 py-1.5">
              <span className="min-w-0 flex-1 truncate">
                {m.name} <span className="text-xs text-muted">· {tr(m.role)}{m.active ? "" : ` · ${t("inactiveMember")}`}</span>
              </span>
              <button
                type="button"
                disabled={pending}
                onClick={() => run(() => removeGroupMemberAction({ groupId: group.id, userId: m.id }))}
                className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50"
                aria-label={t("removeMember", { member: m.name, group: group.name })}
              >
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}

      {candidates.length === 0 ? (
        <p className="text-xs text-muted">{t("noCandidates")}</p>
      ) : (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!pick) return;
            run(() => addGroupMemberAction({ groupId: group.id, userId: pick }), () => setPick(""));
          }}
        >
          <label htmlFor={`add-${group.id}`} className="sr-only">
            {t("memberFor", { name: group.name })}
          </label>
          <select
            id={`add-${group.id}`}
            value={pick}
            onChange={(e) => setPick(e.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">{t("pickMember")}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" className="px-3 py-1.5" disabled={pending || !pick}>
            {t("add")}
          </Button>
        </form>
      )}
      <ActionError error={error} />

      <Dialog
        open={renaming}
        onOpenChange={(open) => {
          closeWith(setRenaming)(open);
          if (!open) (setNewName(group.name), setNameError(null));
        }}
        title={t("renameTitle")}
      >
        <form onSubmit={rename} noValidate className="space-y-4">
          <div className="space-y-1">
            <label htmlFor={`rename-${group.id}`} className="block text-sm font-medium">
              {t("name")}
            </label>
            <input
              id={`rename-${group.id}`}
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              maxLength={100}
              aria-invalid={nameError ? true : undefined}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            {nameError ? <p className="text-xs text-red-700">{nameError}</p> : null}
          </div>
          <ActionError error={dialogError} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => closeWith(setRenaming)(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </div>
        </form>
      </Dialog>

      {/* Left open on success: it leaves with the card, and the focus goes to the page rather than to
          the card's button just before the card goes. */}
      <Dialog open={deleting} onOpenChange={closeWith(setDeleting)} title={t("deleteTitle")} description={t("deleteConfirm", { name: group.name })}>
        <ActionError error={dialogError} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => closeWith(setDeleting)(false)}>
            {t("cancel")}
          </Button>
          <Button type="button" variant="danger" disabled={pending} onClick={() => run(() => deleteGroupAction({ groupId: group.id }), undefined, setDialogError)}>
            {t("delete")}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
