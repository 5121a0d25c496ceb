"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { changePasswordAction, type PasswordFormState } from "@/lib/actions/session";
import { Button } from "@/components/ui/button";
import { focusOnMount } from "@/components/ui/focus-return";
import { AuthField } from "./auth-field";

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
  // The message describes its own field, or every field when it belongs to none.
  const errorFor = (field: PasswordFormState["field"]) =>
    message && (state.field === field || !state.field) ? "password-error" : undefined;

  if (state.done) {
    return (
      <div className="space-y-4">
        <p role="status" ref={focusOnMount} tabIndex={-1} className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t("changed")}
        </p>
        <Link href="/" className="inline-block text-sm text-brand-600 underline">
          {t("continue")}
        </Link>
      </div>
    );
  }

  return (
    <form action={action} className="space-y-4">
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <AuthField
        id="current"
        label={t("current")}
        hint={firstTime ? t("currentHintFirstTime") : undefined}
        {...bind("current")}
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        maxLength={200}
        invalid={state.field === "current"}
        describedBy={errorFor("current")}
      />
      <AuthField
        id="next"
        label={t("next")}
        hint={t("nextHint")}
        {...bind("next")}
        type="password"
        autoComplete="new-password"
        required
        maxLength={200}
        invalid={state.field === "next"}
        describedBy={errorFor("next")}
      />
      <AuthField
        id="confirm"
        label={t("confirm")}
        {...bind("confirm")}
        type="password"
        autoComplete="new-password"
        required
        maxLength={200}
        invalid={state.field === "confirm"}
        describedBy={errorFor("confirm")}
      />
      {message ? (
        <p id="password-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        {firstTime ? <span /> : <Link href="/" className="text-sm text-muted underline">{t("cancel")}</Link>}
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
