import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/access/actor";

export async function LockedInbox({ actor }: { actor: Actor }) {
  const t = await getTranslations();
  const addons = actor.addons.map((a) => t(`addons.${a}`)).join(", ");
  return (
    <div className="flex flex-1 items-center justify-center p-6">
      <div className="max-w-lg space-y-3 rounded-xl border border-amber-200 bg-white p-8 text-center shadow-sm" data-testid="locked">
        <h1 className="text-xl font-semibold">{t("locked.title")}</h1>
        <p className="text-slate-700">{t("locked.message")}</p>
        <p className="text-sm text-muted">
          {t("locked.currentPlan", { plan: t(`plans.${actor.plan}`), addons: addons || "none" })}
        </p>
        <p className="text-sm text-muted">{t("locked.contact")}</p>
        <a
          href="mailto:asesores@turno.app?subject=Plan%20Pro%20y%20Add-on%20WhatsApp"
          className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("locked.contactLink")}
        </a>
      </div>
    </div>
  );
}
