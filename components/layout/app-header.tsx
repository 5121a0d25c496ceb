import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction, signOutAction } from "@/lib/actions/session";
import { LOCALES } from "@/i18n/locales";
import type { Actor } from "@/lib/access/actor";
import { roleMay } from "@/lib/access/policy";
import { NavLink } from "./nav-link";

export async function AppHeader({ actor }: { actor: Actor }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const otherLocale = LOCALES.find((l) => l !== locale)!;
  return (
    // On a phone the sections get a row of their own under the name and account links, rather
    // than being squeezed out of sight between them.
    <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-2 sm:h-14 sm:flex-nowrap sm:py-0">
      <Link href="/" className="text-lg font-bold text-brand-600">
        {t("app.name")}
      </Link>
      <nav aria-label={t("nav.main")} className="order-last -mx-2 flex w-full min-w-0 items-center gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:w-auto">
        {roleMay(actor.role, "seeInbox") ? <NavLink href="/inbox">{t("nav.inbox")}</NavLink> : null}
        {roleMay(actor.role, "seeContacts") ? <NavLink href="/contacts">{t("nav.contacts")}</NavLink> : null}
        {roleMay(actor.role, "auditCloses") ? <NavLink href="/audit">{t("audit.title")}</NavLink> : null}
        {roleMay(actor.role, "manageAccount") ? <NavLink href="/settings">{t("settings.nav")}</NavLink> : null}
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm">
        <span className="hidden text-right leading-tight sm:block" data-testid="current-user">
          <span className="block font-medium">{actor.name}</span>
          <span className="block text-xs text-muted">
            {t(`roles.${actor.role}`)} · {actor.accountName}
          </span>
          <Link href="/password" className="block text-xs text-brand-600 underline-offset-2 hover:underline">
            {t("nav.changePassword")}
          </Link>
        </span>
        <Link href="/password" className="rounded-md px-2 py-1 text-muted hover:bg-slate-100 sm:hidden" aria-label={t("nav.changePassword")}>
          {t("nav.changePasswordShort")}
        </Link>
        <form action={setLocaleAction}>
          <input type="hidden" name="locale" value={otherLocale} />
          {/* Named "Idioma: EN", so saying what is shown ("EN") presses it; the tooltip spells the language out. */}
          <button type="submit" className="rounded-md px-2 py-1 text-muted hover:bg-slate-100" title={t(`nav.languages.${otherLocale}`)}>
            <span className="sr-only">{t("nav.language")}: </span>
            <span lang={otherLocale}>{otherLocale.toUpperCase()}</span>
          </button>
        </form>
        <form action={signOutAction}>
          <button type="submit" className="rounded-md px-3 py-1.5 whitespace-nowrap text-slate-700 hover:bg-slate-100">
            {t("nav.signOut")}
          </button>
        </form>
      </div>
    </header>
  );
}
