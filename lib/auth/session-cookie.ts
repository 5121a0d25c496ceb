import { getToken } from "next-auth/jwt";
import type { Role } from "@/db/schema";
import { servedOverHttps } from "@/lib/web/app-url";
import { sessionSecondsLeft } from "./session-lifetime";

export interface CookieSession {
  userId: string;
  role: Role;
}

/**
 * The session the request's cookie names, read without writing anything back (unlike Auth.js's
 * own `auth()`, which re-issues the cookie it reads): the request gate has no database to ask
 * whether the session was ended, so it must not renew it. Null when absent, forged or over.
 */
export async function readSessionCookie(request: Request): Promise<CookieSession | null> {
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET, secureCookie: servedOverHttps() });
  if (!token || typeof token.uid !== "string" || sessionSecondsLeft(token.sat) === 0) return null;
  return { userId: token.uid, role: token.role as Role };
}
