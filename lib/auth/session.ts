import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auth } from "@/lib/auth/auth";
import { loadActor, type Actor, type SessionRef } from "@/lib/access/actor";
import { pageAccess, type Permission } from "@/lib/access/policy";

/** The session the request's cookie names (not yet checked against the database); null without one. */
export const getSessionRef = cache(async (): Promise<(SessionRef & { userId: string }) | null> => {
  const session = await auth();
  // A cookie from before sessions had ids has none: it can't be revoked, so it is not accepted.
  if (!session?.user?.id || !session.user.sessionId) return null;
  return { userId: session.user.id, sessionId: session.user.sessionId, signedInAt: session.user.signedInAt };
});

/** The current actor, read from the database once per request; null when signed out or deactivated. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const ref = await getSessionRef();
  if (!ref) return null;
  return loadActor(await getDb(), ref.userId, { sessionId: ref.sessionId, signedInAt: ref.signedInAt });
});

/** The actor for a page: signed-out people go to sign in, and people on a one-time password to choose their own. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword) redirect("/password");
  return actor;
}

/**
 * The actor for a page that needs a permission: a role that never has it gets "not found"; an
 * account whose plan lacks it gets `locked` (the page shows the locked notice instead).
 */
export async function requirePage(permission: Permission): Promise<{ actor: Actor; locked: boolean }> {
  const actor = await requireActor();
  const access = pageAccess(actor, permission);
  if (access === "not_found") notFound();
  return { actor, locked: access === "locked" };
}
