import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Database } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "./password";
import { clearFailures, signInKey, takeAttempt } from "./throttle";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

// Compared against when the email is unknown, so a miss costs as long as a wrong password
// and the response time does not tell which part was wrong.
const DUMMY_HASH = "$2b$10$xB/pDQe6LxmwQLE1oUu8x.Y1M2WVRtAOC6Dirb/jtw1x/eSDCXEGm";

/**
 * The user for these credentials, or null — the same null for an unknown email, a wrong password
 * or a deactivated user. "throttled" after too many wrong passwords for the email (known or not),
 * without checking the password at all.
 */
export async function authenticate(db: Database, input: z.infer<typeof signInSchema>) {
  const key = signInKey(input.email);
  // Taken before the check, so the attempt is counted whatever happens to the ones beside it.
  if (!(await takeAttempt(db, key))) return "throttled" as const;
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (valid) await clearFailures(db, key);
  if (!user || !valid || !user.active) return null;
  // The database's clock, the one a password change is stamped with (see loadActor).
  const [clock] = await queryRows<{ now: string }>(db, sql`select now()::text as now`);
  return { id: user.id, name: user.name, email: user.email, accountId: user.accountId, role: user.role, signedInAt: clock!.now };
}
