"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changePlanAction, setAddonAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { Addon, Plan } from "@/db/schema";
import type { DomainError } from "@/lib/errors";
import { ActionError } from "./action-error";

type Outcome = { ok: true } | { ok: false; error: DomainError };

/** A button that asks for confirmation before a subscription change, then refreshes the page. */
function ConfirmedChange({
  label,
  title,
  description,
  variant,
  apply,
}: {
  label: string;
  title: string;
  description: string;
  variant: "primary" | "secondary" | "danger";
  apply: () => Promise<Outcome>;
}) {
  const t = useTranslations("plan");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<DomainError | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button type="button" variant={variant === "danger" ? "secondary" : variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={title} description={description}>
        <ActionError error={error} />
        <div className="mt-3 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button
            type="button"
            variant={variant === "danger" ? "danger" : "primary"}
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await apply();
                setError(result.ok ? null : result.error);
                if (!result.ok) return;
                setOpen(false);
              })
            }
          >
            {pending ? t("saving") : t("confirm")}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

export function PlanChoice({ from, to }: { from: Plan; to: Plan }) {
  const t = useTranslations();
  const [fromName, toName] = [t(`plans.${from}`), t(`plans.${to}`)];
  return (
    <ConfirmedChange
      label={t("plan.choose", { plan: toName })}
      title={t("plan.confirmPlanTitle")}
      description={t("plan.confirmPlan", { from: fromName, to: toName })}
      variant="secondary"
      apply={() => changePlanAction({ plan: to })}
    />
  );
}

export function AddonToggle({ addon, active }: { addon: Addon; active: boolean }) {
  const t = useTranslations();
  const name = t(`addons.${addon}`);
  const next = !active;
  return (
    <ConfirmedChange
      label={`${active ? t("plan.deactivate") : t("plan.activate")} ${name}`}
      title={t("plan.confirmAddonTitle", { active: String(next) })}
      description={t("plan.confirmAddon", { active: String(next), addon: name })}
      variant={active ? "danger" : "primary"}
      apply={() => setAddonAction({ addon, active: next })}
    />
  );
}
