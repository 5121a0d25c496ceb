import { and, eq, isNull, lte, notExists, or, sql, type SQL } from "drizzle-orm";
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

/** Whether a session still holds: not signed out, and not from before the password last changed (anywhere but in that session). */
function sessionHolds(session: SQL<string>, signedInAt: SQL<string>) {
  return and(
    notExists(sql`(select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${session})`),
    or(
      isNull(users.passwordChangedAt),
      lte(users.passwordChangedAt, sql`${signedInAt}::timestamptz`),
      sql`${users.passwordChangedInSession} = ${session}`,
    ),
  );
}

const actorColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  mustChangePassword: users.mustChangePassword,
  accountId: accounts.id,
  accountName: accounts.name,
  plan: accounts.plan,
  addon: accountAddons.addon,
};

type ActorRow = { [K in keyof typeof actorColumns]: (typeof actorColumns)[K]["_"]["data"] } & { addon: Addon | null };

function toActor(rows: ActorRow[]): Actor | null {
  const first = rows[0];
  if (!first) return null;
  const { addon: _addon, ...actor } = first;
  return { ...actor, addons: rows.flatMap((r) => (r.addon ? [r.addon] : [])) };
}

/**
 * Null when the user no longer exists or was deactivated — or, given the session, when that
 * session was signed out, or signed in before the password last changed (anywhere but in the
 * session that changed it): such sessions stop working at once.
 */
export async function loadActor(db: Database, userId: string, session?: SessionRef): Promise<Actor | null> {
  const rows = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountAddons, eq(accountAddons.accountId, accounts.id))
    .where(
      and(
        eq(users.id, userId),
        eq(users.active, true),
        session ? sessionHolds(sql`${session.sessionId}::uuid`, sql`${session.signedInAt}`) : undefined,
      ),
    );
  return toActor(rows as ActorRow[]);
}

/**
 * loadActor for many sessions in one statement (the live inbox re-reads every open screen at
 * each delivery): the same rule, answered in the order asked, null where a session no longer holds.
 */
export async function loadActors(db: Database, sessions: (SessionRef & { userId: string })[]): Promise<(Actor | null)[]> {
  if (sessions.length === 0) return [];
  const asked = sql.join(
    sessions.map((s, i) => sql`(${i}::int, ${s.userId}::uuid, ${s.sessionId}::uuid, ${s.signedInAt}::text)`),
    sql`, `,
  );
  const rows = (await db
    .select({ ...actorColumns, asked: sql<number>`s.i` })
    .from(sql`(values ${asked}) as s(i, user_id, session_id, signed_in_at)`)
    .innerJoin(users, sql`${users.id} = s.user_id and ${users.active}`)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountAddons, eq(accountAddons.accountId, accounts.id))
    .where(sessionHolds(sql`s.session_id`, sql`s.signed_in_at`))) as (ActorRow & { asked: number })[];
  const byAsked = new Map<number, ActorRow[]>();
  for (const { asked: i, ...row } of rows) byAsked.set(Number(i), [...(byAsked.get(Number(i)) ?? []), row]);
  return sessions.map((_s, i) => toActor(byAsked.get(i) ?? []));
}
