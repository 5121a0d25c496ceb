import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountAddons, accounts, PLANS, type Plan } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { fail } from "@/lib/errors";
import { FEATURES, hasFeature, type Feature } from "@/lib/plans/features";
import { recordAccountChange } from "@/lib/history/account";
import type { ChangePlan, SetAddon } from "./plan-input";

/** What each plan would unlock with the account's current add-ons, for the admins' comparison. */
export function featuresByPlan(actor: Actor): { plan: Plan; features: Feature[] }[] {
  const features = Object.keys(FEATURES) as Feature[];
  return PLANS.map((plan) => ({ plan, features: features.filter((f) => hasFeature({ plan, addons: actor.addons }, f)) }));
}

async function lockAccount(tx: Database, actor: Actor) {
  const [account] = await tx.select({ plan: accounts.plan }).from(accounts).where(eq(accounts.id, actor.accountId)).for("update");
  if (!account) fail("not_found");
  return account;
}

/**
 * A simulated subscription change: it takes effect on everyone's next request, because each
 * request reads the plan from the database, not from the session.
 */
export async function changePlan(tx: Database, actor: Actor, input: ChangePlan): Promise<{ changed: boolean }> {
  const account = await lockAccount(tx, actor);
  if (account.plan === input.plan) return { changed: false };
  await tx.update(accounts).set({ plan: input.plan }).where(eq(accounts.id, actor.accountId));
  await recordAccountChange(tx, actor, "account.plan_changed", { from: account.plan, to: input.plan });
  return { changed: true };
}

export async function setAddon(tx: Database, actor: Actor, input: SetAddon): Promise<{ changed: boolean }> {
  const { addon, active } = input;
  await lockAccount(tx, actor);
  const changed = active
    ? await tx.insert(accountAddons).values({ accountId: actor.accountId, addon }).onConflictDoNothing().returning()
    : await tx
        .delete(accountAddons)
        .where(and(eq(accountAddons.accountId, actor.accountId), eq(accountAddons.addon, addon)))
        .returning();
  if (changed.length === 0) return { changed: false };
  await recordAccountChange(tx, actor, "account.addon_changed", { addon, active, from: !active, to: active });
  return { changed: true };
}
