import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/actions/session";
import { PasswordForm } from "@/components/auth/password-form";
import { ClientMessages, CLIENT_MESSAGES } from "@/components/i18n/client-messages";
import { getActor } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("password"))("title") };
}

// Outside the app's layout on purpose: that layout sends people on a one-time password here.
export default async function PasswordPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const t = await getTranslations();
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="space-y-2">
          <p className="text-center text-2xl font-bold text-brand-600">{t("app.name")}</p>
          <h1 className="text-lg font-semibold">{t("password.title")}</h1>
          <p className="text-sm text-muted">{actor.mustChangePassword ? t("password.firstTimeIntro") : t("password.intro")}</p>
        </div>
        <ClientMessages areas={CLIENT_MESSAGES.signIn}>
          <PasswordForm firstTime={actor.mustChangePassword} email={actor.email} />
        </ClientMessages>
        {actor.mustChangePassword ? (
          <form action={signOutAction} className="text-center">
            <button type="submit" className="text-sm text-muted underline">
              {t("nav.signOut")}
            </button>
          </form>
        ) : null}
      </div>
    </main>
  );
}
