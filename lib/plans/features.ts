import type { Addon, Plan } from "@/db/schema";

// Which plan and add-ons unlock which part of the product: the only place that knows it.
const PLAN_RANK: Record<Plan, number> = { basic: 0, pro: 1, enterprise: 2 };

export const FEATURES = {
  inbox: { minPlan: "pro", addons: ["whatsapp"] },
  automations: { minPlan: "pro", addons: ["whatsapp"] },
  // Auditing closed conversations is part of the inbox: without it there is nothing to audit.
  audit: { minPlan: "pro", addons: ["whatsapp"] },
} as const satisfies Record<string, { minPlan: Plan; addons: readonly Addon[] }>;

export type Feature = keyof typeof FEATURES;

export interface Subscription {
  plan: Plan;
  addons: readonly Addon[];
}

export function hasFeature(subscription: Subscription, feature: Feature): boolean {
  const rule = FEATURES[feature];
  return (
    PLAN_RANK[subscription.plan] >= PLAN_RANK[rule.minPlan] &&
    rule.addons.every((addon) => subscription.addons.includes(addon))
  );
}
