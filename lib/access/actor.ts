import { and, eq, isNull, lte, notExists, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountAddons, accounts, revokedSessions, users, type Addon, type Plan, type Role } from "@/db/schema";

/** The signed-in person as the database knows them right now, not as their session remembers. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: Role;
  accountId: string;
  accountName: string;
  plan: Plan;
  addons: Addon[];
  /** Still on the one-time password an admin gave them: may only choose their own (lib/auth/change-password). */
  mustChangePassword: boolean;
  /** An automation acting for the account: admin rights, no person behind it (history shows "Sistema"). */
  system?: true;
}

const NO_USER = "00000000-0000-0000-0000-000000000000";

/** The id history records for what the actor did: null when no person did it. */
export function historyActorId(actor: Actor): string | null {
  return actor.system ? null : actor.userId;
}

export async function loadSystemActor(db: Database, accountId: string): Promise<Actor | null> {
  const rows = await db
    .select({ accountName: accounts.name, plan: accounts.plan, addon: accountAddons.addon })
    .from(accounts)
    .leftJoin(accountAddons, eq(accountAddons.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  const first = rows[0];
  if (!first) return null;
  return {
    userId: NO_USER,
    name: "Automatización",
    email: "",
    role: "admin",
    accountId,
    accountName: first.accountName,
    plan: first.plan,
    addons: rows.flatMap((r) => (r.addon ? [r.addon] : [])),
    mustChangePassword: false,
    system: true,
  };
}

/** The session a request comes with, as the sign-in cookie carries it. */
export interface SessionRef {
  sessionId: string;
  /** When it signed in, by the database's clock. */
  signedInAt: string;
}

/**
 * Null when the user no longer exists or was deactivated — or, given the session, when that
 * session was signed out, or signed in before the password last changed (anywhere but in the
 * session that changed it): such sessions stop working at once.
 */
export async function loadActor(db: Database, userId: string, session?: SessionRef): Promise<Actor | null> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      mustChangePassword: users.mustChangePassword,
      accountId: accounts.id,
      accountName: accounts.name,
      plan: accounts.plan,
      addon: accountAddons.addon,
    })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountAddons, eq(accountAddons.accountId, accounts.id))
    .where(
      and(
        eq(users.id, userId),
        eq(users.active, true),
        session
          ? and(
              notExists(db.select({ one: sql`1` }).from(revokedSessions).where(eq(revokedSessions.sessionId, session.sessionId))),
              or(
                isNull(users.passwordChangedAt),
                lte(users.passwordChangedAt, sql`${session.signedInAt}::timestamptz`),
                eq(users.passwordChangedInSession, session.sessionId),
              ),
            )
          : undefined,
      ),
    );
  const first = rows[0];
  if (!first) return null;
  const { addon: _addon, ...actor } = first;
  return { ...actor, addons: rows.flatMap((r) => (r.addon ? [r.addon] : [])) };
}
