/** A session lasts twelve hours from its sign-in, however often it is used or refreshed. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * How long a sign-out is remembered: longer than any session it names can live, with a whole
 * lifetime more as margin for the app's and the database's clocks.
 */
export const REVOCATION_KEPT_SECONDS = 2 * SESSION_LIFETIME_SECONDS;

/** Whole seconds left to the session signed in at `signedInAt`; 0 when over, unknown or unreadable. */
export function sessionSecondsLeft(signedInAt: unknown, now = Date.now()): number {
  const started = typeof signedInAt === "string" ? Date.parse(signedInAt) : NaN;
  if (Number.isNaN(started)) return 0;
  return Math.max(0, Math.floor((started + SESSION_LIFETIME_SECONDS * 1000 - now) / 1000));
}

/** When that session ends, for the session's `expires`. */
export function sessionEndsAt(signedInAt: string): string {
  return new Date(Date.parse(signedInAt) + SESSION_LIFETIME_SECONDS * 1000).toISOString();
}
