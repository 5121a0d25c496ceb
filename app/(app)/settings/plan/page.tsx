import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ADDONS } from "@/db/schema";
import { requirePage } from "@/lib/auth/session";
import { featuresByPlan } from "@/lib/admin/subscription";
import { FEATURES, hasFeature, type Feature } from "@/lib/plans/features";
import { AddonToggle, PlanChoice } from "@/components/settings/subscription-controls";
import { PageFrame } from "@/components/layout/page-frame";
import { PageSection } from "@/components/layout/page-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plan"))("title") };
}

export default async function PlanPage() {
  const { actor } = await requirePage("manageAccount");
  const t = await getTranslations();
  const unlocked = (Object.keys(FEATURES) as Feature[]).filter((f) => hasFeature(actor, f));
  const addons = actor.addons.map((a) => t(`addons.${a}`)).join(", ");
  return (
    <PageFrame title={t("plan.title")} intro={t("plan.intro")} spacing={6}>

      <PageSection id="current-plan" title={<>{t("plan.current")}: {t(`plans.${actor.plan}`)}</>} card compact testId="current-plan">
        <p className="text-sm text-slate-700">
          {t("plan.currentSummary", { plan: t(`plans.${actor.plan}`), addons: addons || "none" })}
        </p>
        <p className="text-sm font-medium">{t("plan.unlocked")}</p>
        {unlocked.length ? (
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {unlocked.map((f) => (
              <li key={f}>{t(`plan.features.${f}`)}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-amber-800">{t("plan.nothingUnlocked")}</p>
        )}
      </PageSection>

      <PageSection id="plans-title" title={t("plan.plans")}>
        <ul className="grid gap-3 md:grid-cols-3">
          {featuresByPlan(actor).map(({ plan, features }) => (
            <li key={plan} className={`space-y-2 rounded-lg border bg-white p-4 ${plan === actor.plan ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200"}`}>
              <p className="flex items-center gap-2 font-semibold">
                {t(`plans.${plan}`)}
                {plan === actor.plan ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">{t("plan.currentBadge")}</span> : null}
              </p>
              <p className="text-xs text-muted">{t("plan.withAddons")}</p>
              {features.length ? (
                <ul className="list-disc pl-5 text-sm text-slate-700">
                  {features.map((f) => (
                    <li key={f}>{t(`plan.features.${f}`)}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted">—</p>
              )}
              {plan === actor.plan ? null : <PlanChoice from={actor.plan} to={plan} />}
            </li>
          ))}
        </ul>
      </PageSection>

      <PageSection id="addons-title" title={t("plan.addonsTitle")}>
        <ul className="space-y-2">
          {ADDONS.map((addon) => {
            const active = actor.addons.includes(addon);
            return (
              <li key={addon} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`addon-${addon}`}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {t(`addons.${addon}`)}{" "}
                    <span className={active ? "text-sm text-emerald-700" : "text-sm text-muted"}>
                      · {active ? t("plan.addonActive") : t("plan.addonInactive")}
                    </span>
                  </p>
                  <p className="text-sm text-muted">{t(`plan.addonDescription.${addon}`)}</p>
                </div>
                <AddonToggle addon={addon} active={active} />
              </li>
            );
          })}
        </ul>
      </PageSection>
    </PageFrame>
  );
}
