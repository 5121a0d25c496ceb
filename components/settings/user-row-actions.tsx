"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changeRoleAction, setUserActiveAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ROLES, type Role } from "@/db/schema";
import type { DomainError } from "@/lib/errors";
import { ActionError } from "./action-error";

interface Person {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

/** Role change and deactivation, each confirmed in a dialog; reactivation is immediate. */
export function UserRowActions({ user, isSelf = false }: { user: Person; isSelf?: boolean }) {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const [newRole, setNewRole] = useState<Role | null>(null);
  const [deactivating, setDeactivating] = useState(false);
  const [error, setError] = useState<DomainError | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: true } | { ok: false; error: DomainError }>) =>
    startTransition(async () => {
      const result = await work();
      setError(result.ok ? null : result.error);
      setNewRole(null);
      setDeactivating(false);
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${user.id}`}>
        {t("roleFor", { name: user.name })}
      </label>
      <select
        id={`role-${user.id}`}
        value={user.role}
        disabled={pending}
        onChange={(e) => setNewRole(e.target.value as Role)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {tr(r)}
          </option>
        ))}
      </select>
      {/* The server refuses it too (self_deactivation); no button for what can't be done. */}
      {user.active && isSelf ? null : user.active ? (
        <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={() => setDeactivating(true)} aria-label={`${t("deactivate")} ${user.name}`}>
          {t("deactivate")}
        </Button>
      ) : (
        <Button
          type="button"
          variant="secondary"
          className="px-3 py-1.5"
          disabled={pending}
          onClick={() => run(() => setUserActiveAction({ userId: user.id, active: true }))}
          aria-label={`${t("reactivate")} ${user.name}`}
        >
          {t("reactivate")}
        </Button>
      )}
      <div className="w-full">
        <ActionError error={error} />
      </div>

      <Dialog
        open={newRole !== null}
        onOpenChange={(open) => !open && setNewRole(null)}
        title={t("changeRoleTitle")}
        description={newRole ? t("changeRoleConfirm", { name: user.name, from: tr(user.role), to: tr(newRole) }) : undefined}
      >
        <p className="mb-4 text-sm text-muted">{t("changeRoleGroups")}</p>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setNewRole(null)}>
            {t("cancel")}
          </Button>
          <Button type="button" disabled={pending} onClick={() => newRole && run(() => changeRoleAction({ userId: user.id, role: newRole }))}>
            {pending ? t("saving") : t("confirm")}
          </Button>
        </div>
      </Dialog>

      <Dialog open={deactivating} onOpenChange={setDeactivating} title={t("deactivateTitle")} description={t("deactivateConfirm", { name: user.name })}>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setDeactivating(false)}>
            {t("cancel")}
          </Button>
          <Button type="button" variant="danger" disabled={pending} onClick={() => run(() => setUserActiveAction({ userId: user.id, active: false }))}>
            {pending ? t("saving") : t("deactivate")}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
