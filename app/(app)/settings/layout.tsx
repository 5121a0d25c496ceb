import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { NavLink } from "@/components/layout/nav-link";
import { requirePage } from "@/lib/auth/session";

/** Settings are for the account's admins; each page and action checks again on its own. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requirePage("manageAccount");
  const t = await getTranslations("settings");
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <nav aria-label={t("sections")} className="flex shrink-0 gap-1 overflow-x-auto border-b border-slate-200 bg-white px-4 py-2">
        <NavLink href="/settings/users">{t("users")}</NavLink>
        <NavLink href="/settings/groups">{t("groups")}</NavLink>
        <NavLink href="/settings/plan">{t("plan")}</NavLink>
        <NavLink href="/settings/automations">{t("automations")}</NavLink>
        <NavLink href="/settings/whatsapp">{t("whatsapp")}</NavLink>
      </nav>
      {/* Admin screens are few and seldom loaded: they get the whole catalogue. */}
      <NextIntlClientProvider>{children}</NextIntlClientProvider>
    </div>
  );
}
