"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { LOCALE_COOKIE, toLocale } from "@/i18n/locales";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/access/session";
import { auth, signOut } from "@/lib/auth/auth";
import { revokeSession } from "@/lib/auth/revoke-session";
import { servedOverHttps } from "@/lib/web/app-url";

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
