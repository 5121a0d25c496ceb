import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountAddons, accounts, PLANS, type Plan } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { accountAdminDenial } from "@/lib/access/admin";
import { fail, inTransaction, type Result } from "@/lib/errors";
import { FEATURES, hasFeature, type Feature } from "@/lib/plans/features";
import { recordAccountChange } from "./history";
import { changePlanSchema, setAddonSchema, type ChangePlanInput, type SetAddonInput } from "./plan-input";

/** What each plan would unlock with the account's current add-ons, for the admins' comparison. */
export function featuresByPlan(actor: Actor): { plan: Plan; features: Feature[] }[] {
  const features = Object.keys(FEATURES) as Feature[];
  return PLANS.map((plan) => ({ plan, features: features.filter((f) => hasFeature({ plan, addons: actor.addons }, f)) }));
}

async function lockAccount(tx: Database, actor: Actor) {
  const denial = accountAdminDenial(actor);
  if (denial) fail(denial);
  const [account] = await tx.select({ plan: accounts.plan }).from(accounts).where(eq(accounts.id, actor.accountId)).for("update");
  if (!account) fail("not_found");
  return account;
}

/**
 * A simulated subscription change: it takes effect on everyone's next request, because each
 * request reads the plan from the database, not from the session.
 */
export async function changePlan(db: Database, actor: Actor, input: ChangePlanInput): Promise<Result<{ changed: boolean }>> {
  const parsed = changePlanSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input" };
  return inTransaction(db, async (tx) => {
    const account = await lockAccount(tx, actor);
    if (account.plan === parsed.data.plan) return { changed: false };
    await tx.update(accounts).set({ plan: parsed.data.plan }).where(eq(accounts.id, actor.accountId));
    await recordAccountChange(tx, actor, "account.plan_changed", { from: account.plan, to: parsed.data.plan });
    return { changed: true };
  });
}

export async function setAddon(db: Database, actor: Actor, input: SetAddonInput): Promise<Result<{ changed: boolean }>> {
  const parsed = setAddonSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input" };
  const { addon, active } = parsed.data;
  return inTransaction(db, async (tx) => {
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
  });
}
