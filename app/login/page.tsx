import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { ClientMessages, CLIENT_MESSAGES } from "@/components/i18n/client-messages";
import { getActor } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect("/");
  const [{ callbackUrl }, t] = await Promise.all([searchParams, getTranslations()]);
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="space-y-1 text-center">
          <p className="text-2xl font-bold text-brand-600">{t("app.name")}</p>
          <h1 className="text-lg font-semibold">{t("login.title")}</h1>
          <p className="text-sm text-muted">{t("app.tagline")}</p>
        </div>
        <ClientMessages areas={CLIENT_MESSAGES.signIn}>
          <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        </ClientMessages>
      </div>
    </main>
  );
}
