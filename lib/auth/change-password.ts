import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { recordAccountChange } from "@/lib/history/account";
import { fail, inTransaction, type Result } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { clearFailures, passwordChangeKey, takeAttempt } from "./throttle";

export const MIN_PASSWORD_LENGTH = 10;

/** Messages are keys of password.errors in the catalogue. */
export const changePasswordSchema = z
  .object({
    current: z.string().min(1, { error: "currentRequired" }).max(200, { error: "wrongCurrent" }),
    next: z
      .string()
      .min(MIN_PASSWORD_LENGTH, { error: "tooShort" })
      .max(200, { error: "tooLong" })
      .refine((value) => value.trim().length >= MIN_PASSWORD_LENGTH, { error: "tooShort" }),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { error: "mismatch", path: ["confirm"] })
  .refine((v) => v.next !== v.current, { error: "sameAsCurrent", path: ["next"] });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export type PasswordError = "invalid_input" | "wrong_current" | "throttled";

/**
 * The person sets their own password, proving the one they have, from `sessionId`. Clears the
 * one-time flag an admin-created account starts with, and ends every other session of theirs
 * (whoever else knew the old password is out at their next request). Recorded in the account's
 * history, without any password.
 */
export async function changeOwnPassword(
  db: Database,
  actor: Actor,
  sessionId: string,
  input: ChangePasswordInput,
): Promise<Result<object> | { ok: false; error: PasswordError }> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input" };
  if (actor.system) return { ok: false, error: "forbidden" };
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user) return { ok: false, error: "not_found" };
  // Checked before the transaction: bcrypt takes ~100 ms and needs no lock. A stolen session
  // can't guess the current password at leisure: the same limit as signing in applies.
  const key = passwordChangeKey(actor.userId);
  if (!(await takeAttempt(db, key))) return { ok: false, error: "throttled" };
  if (!(await verifyPassword(parsed.data.current, user.hash))) return { ok: false, error: "wrong_current" };
  await clearFailures(db, key);
  const passwordHash = await hashPassword(parsed.data.next);
  return inTransaction(db, async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()`, passwordChangedInSession: sessionId })
      // Only over the password that was proved: of two changes at once, the second is refused.
      .where(and(eq(users.id, actor.userId), eq(users.passwordHash, user.hash)))
      .returning({ id: users.id });
    if (!updated) fail("conflict");
    await recordAccountChange(tx, actor, "user.password_changed", { userId: actor.userId, wasOneTime: actor.mustChangePassword });
    return {};
  });
}
