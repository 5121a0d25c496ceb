"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { changePasswordAction, type PasswordFormState } from "@/app/password/actions";
import { Button } from "@/components/ui/button";

const fieldClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:ring-1 focus:ring-brand-600 focus:outline-none";

export function PasswordForm({ firstTime, email }: { firstTime: boolean; email: string }) {
  const t = useTranslations("password");
  const [state, action, pending] = useActionState<PasswordFormState, FormData>(changePasswordAction, {});
  // Controlled, so a refusal doesn't wipe what was typed (React resets uncontrolled fields after an action).
  const [values, setValues] = useState({ current: "", next: "", confirm: "" });
  const bind = (field: keyof typeof values) => ({
    value: values[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [field]: e.target.value })),
  });
  // After a refusal, the cursor goes to the field to fix.
  useEffect(() => {
    if (state.error) document.getElementById(state.field ?? "current")?.focus();
  }, [state]);
  const message = state.error ? t(`errors.${state.error}` as "errors.unexpected") : null;
  const invalid = (field: PasswordFormState["field"]) => (state.field === field ? true : undefined);
  const described = (field: PasswordFormState["field"], hint?: string) =>
    [hint, state.field === field || (message && !state.field) ? "password-error" : undefined].filter(Boolean).join(" ") || undefined;

  if (state.done) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t("changed")}
        </p>
        <Link href="/" className="inline-block text-sm text-brand-700 underline">
          {t("continue")}
        </Link>
      </div>
    );
  }

  return (
    <form action={action} className="space-y-4">
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="space-y-1">
        <label htmlFor="current" className="block text-sm font-medium text-slate-700">
          {t("current")}
        </label>
        <input
          id="current"
          name="current"
          {...bind("current")}
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          aria-invalid={invalid("current")}
          aria-describedby={described("current", firstTime ? "current-hint" : undefined)}
          className={fieldClass}
        />
        {firstTime ? (
          <p id="current-hint" className="text-xs text-slate-500">
            {t("currentHintFirstTime")}
          </p>
        ) : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="next" className="block text-sm font-medium text-slate-700">
          {t("next")}
        </label>
        <input
          id="next"
          name="next"
          {...bind("next")}
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={invalid("next")}
          aria-describedby={described("next", "next-hint")}
          className={fieldClass}
        />
        <p id="next-hint" className="text-xs text-slate-500">
          {t("nextHint")}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="confirm" className="block text-sm font-medium text-slate-700">
          {t("confirm")}
        </label>
        <input
          id="confirm"
          name="confirm"
          {...bind("confirm")}
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={invalid("confirm")}
          aria-describedby={described("confirm")}
          className={fieldClass}
        />
      </div>
      {message ? (
        <p id="password-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        {firstTime ? <span /> : <Link href="/" className="text-sm text-slate-600 underline">{t("cancel")}</Link>}
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
