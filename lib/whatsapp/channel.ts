import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappChannels } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial as policyDenial } from "@/lib/access/policy";
import type { Result } from "@/lib/errors";

/** The account's number as its admins see it: never its secrets or tokens. */
export async function accountChannel(
  db: Database,
  actor: Actor,
): Promise<Result<{ channel: { displayPhone: string; phoneNumberId: string } | null }>> {
  const denial = policyDenial(actor, "manageAccount");
  if (denial) return { ok: false, error: denial };
  const [channel] = await db
    .select({ displayPhone: whatsappChannels.displayPhone, phoneNumberId: whatsappChannels.phoneNumberId })
    .from(whatsappChannels)
    .where(eq(whatsappChannels.accountId, actor.accountId));
  return { ok: true, channel: channel ?? null };
}
