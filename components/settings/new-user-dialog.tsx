"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createUserAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ROLES, type Role } from "@/db/schema";
import { createUserSchema } from "@/lib/admin/user-input";
import type { DomainError } from "@/lib/errors";
import { ActionError } from "./action-error";

type Field = "name" | "email" | "role";
const fieldClass = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-500";

/** "Nuevo usuario": the form, then the initial password, shown this one time only. */
export function NewUserDialog() {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role | "">("seller");
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<DomainError | null>(null);
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  function reset() {
    setName("");
    setEmail("");
    setRole("seller");
    setFieldErrors({});
    setError(null);
    setCreated(null);
    setCopied(false);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { name, email, role: role as Role };
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= t(`errors.${issue.message as "nameRequired"}`);
      return setFieldErrors(errors);
    }
    setFieldErrors({});
    startTransition(async () => {
      const result = await createUserAction(input);
      if (!result.ok) return setError(result.error);
      setError(null);
      setCreated({ name: parsed.data.name, password: result.password });
    });
  }

  const described = (field: Field) => (fieldErrors[field] ? { "aria-invalid": true, "aria-describedby": `new-user-${field}-error` } : {});
  const fieldError = (field: Field) =>
    fieldErrors[field] ? (
      <p id={`new-user-${field}-error`} className="text-xs text-red-700">
        {fieldErrors[field]}
      </p>
    ) : null;

  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        {t("new")}
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (!next) reset();
          setOpen(next);
        }}
        title={created ? t("created") : t("new")}
      >
        {created ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">{t("passwordOnce", { name: created.name })}</p>
            <div className="space-y-1">
              <label htmlFor="initial-password" className="block text-sm font-medium">
                {t("initialPassword")}
              </label>
              <div className="flex gap-2">
                {/* In place of the form that had focus: selected at once, ready to copy. */}
                <input
                  id="initial-password"
                  autoFocus
                  readOnly
                  value={created.password}
                  onFocus={(e) => e.currentTarget.select()}
                  className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
                  data-testid="initial-password"
                />
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => navigator.clipboard?.writeText(created.password).then(() => setCopied(true))}
                >
                  {copied ? t("copied") : t("copy")}
                </Button>
              </div>
            </div>
            <div className="flex justify-end">
              <Button
                type="button"
                onClick={() => {
                  reset();
                  setOpen(false);
                }}
              >
                {t("done")}
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <div className="space-y-1">
              <label htmlFor="new-user-name" className="block text-sm font-medium">
                {t("name")}
              </label>
              <input id="new-user-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" className={fieldClass} {...described("name")} />
              {fieldError("name")}
            </div>
            <div className="space-y-1">
              <label htmlFor="new-user-email" className="block text-sm font-medium">
                {t("email")}
              </label>
              <input id="new-user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} autoComplete="off" className={fieldClass} {...described("email")} />
              {fieldError("email")}
            </div>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{t("role")}</legend>
              {ROLES.map((r) => (
                <label key={r} className="flex items-start gap-2 text-sm">
                  <input type="radio" name="new-user-role" value={r} checked={role === r} onChange={() => setRole(r)} className="mt-0.5 size-4 accent-brand-600" />
                  <span>
                    <span className="font-medium">{tr(r)}</span> <span className="text-muted">— {t(`roleHelp.${r}`)}</span>
                  </span>
                </label>
              ))}
              {fieldError("role")}
            </fieldset>
            <ActionError error={error} />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                {t("cancel")}
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? t("creating") : t("create")}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
