"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/access/session";
import { auth } from "@/lib/auth/auth";
import { changeOwnPassword, changePasswordSchema } from "@/lib/auth/change-password";

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
