"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/lib/actions/session";
import { Button } from "@/components/ui/button";
import { AuthField } from "./auth-field";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate={false}>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <AuthField
        id="email"
        label={t("email")}
        type="email"
        autoComplete="username"
        required
        autoFocus
        defaultValue={state.email}
        invalid={Boolean(state.error)}
        describedBy={state.error ? "login-error" : undefined}
      />
      <AuthField
        id="password"
        label={t("password")}
        type="password"
        autoComplete="current-password"
        required
        invalid={Boolean(state.error)}
        describedBy={state.error ? "login-error" : undefined}
      />
      {state.error ? (
        <p id="login-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {t(state.error)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
