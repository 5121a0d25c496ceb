"use server";

// The caller's own session: sign in, sign out, language, own password. No tenant data.
import { AuthError, type CredentialsSignin } from "next-auth";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { LOCALE_COOKIE, toLocale } from "@/i18n/locales";
import { auth, signIn, signOut } from "@/lib/auth/auth";
import { signInSchema } from "@/lib/auth/authenticate";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { changeOwnPassword, changePasswordSchema } from "@/lib/auth/change-password";
import { revokeSession } from "@/lib/auth/revoke-session";
import { getActor } from "@/lib/auth/session";
import { servedOverHttps } from "@/lib/web/app-url";
import { requestOrigin } from "@/lib/web/request-origin";

export async function signOutAction() {
  const [session, actor] = await Promise.all([auth(), getActor()]);
  if (actor && session?.user?.sessionId) await revokeSession(await getDb(), actor, session.user.sessionId);
  await signOut({ redirectTo: "/login" });
}

export async function setLocaleAction(formData: FormData) {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax", secure: servedOverHttps() });
  revalidatePath("/", "layout");
}

export type SignInState = { error?: "invalid" | "invalidInput" | "throttled" | "unexpected"; email?: string };

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  if (!parsed.success) return { error: "invalidInput", email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: sameOriginPath(formData.get("callbackUrl"), await requestOrigin()) });
    return {};
  } catch (error) {
    // signIn answers success by throwing Next's redirect, which must go through untouched.
    if (error instanceof AuthError) {
      if (error.type === "CredentialsSignin") {
        return { error: (error as CredentialsSignin).code === "throttled" ? "throttled" : "invalid", email };
      }
      console.error("sign-in failed", error);
      return { error: "unexpected", email };
    }
    throw error;
  }
}

export interface PasswordFormState {
  /** A key of password.errors, and the field it belongs to when there is one. */
  error?: string;
  field?: "current" | "next" | "confirm";
  /** Saved, for someone who came to change it on their own (first-timers go straight on to the app). */
  done?: boolean;
}

/** The password page's form: the person's own password, checked against the database. */
export async function changePasswordAction(_state: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const [actor, session] = await Promise.all([getActor(), auth()]);
  if (!actor || !session?.user?.sessionId) redirect("/login");
  const input = {
    current: String(form.get("current") ?? ""),
    next: String(form.get("next") ?? ""),
    confirm: String(form.get("confirm") ?? ""),
  };
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: issue.message, field: issue.path[0] as PasswordFormState["field"] };
  }
  let result;
  try {
    result = await changeOwnPassword(await getDb(), actor, session.user.sessionId, input);
  } catch (error) {
    console.error("action changePassword failed", { userId: actor.userId, error });
    return { error: "unexpected" };
  }
  if (!result.ok) {
    if (result.error === "wrong_current") return { error: "wrongCurrent", field: "current" };
    if (result.error === "throttled") return { error: "throttled" };
    return { error: result.error === "conflict" ? "conflict" : "unexpected" };
  }
  if (actor.mustChangePassword) redirect("/");
  return { done: true };
}
