import type { NextAuthConfig } from "next-auth";
import { encode } from "next-auth/jwt";
import type { Role } from "@/db/schema";
import { servedOverHttps } from "@/lib/web/app-url";
import { sameOriginPath } from "./callback-url";
import { SESSION_LIFETIME_SECONDS, sessionEndsAt, sessionSecondsLeft } from "./session-lifetime";

// The database-free half of the auth setup: the rules a session cookie carries on its own.
// The credentials provider and the checks against the database live in ./auth.ts.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
  // Auth.js would judge by each request's scheme; the configured address decides, so a proxy
  // that forgets x-forwarded-proto can't get the cookie sent over plain HTTP.
  useSecureCookies: servedOverHttps(),
  trustHost: true,
  jwt: {
    // Re-issuing a token (Auth.js does on every session read) keeps the end its sign-in gave it.
    encode: (params) => encode({ ...params, maxAge: Math.min(params.maxAge ?? SESSION_LIFETIME_SECONDS, sessionSecondsLeft(params.token?.sat)) }),
  },
  logger: {
    // A wrong password is an answer, not a server error: keep it out of the error log.
    error(error) {
      // By type, not name: a production build renames the classes.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [],
  callbacks: {
    // Auth.js's own endpoints take a callbackUrl too: the same rule as the sign-in form's.
    redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).href;
    },
    jwt({ token, user }) {
      if (user) {
        // Each sign-in is its own session, so signing out on one device can revoke just this one.
        token.sid = crypto.randomUUID();
        token.uid = user.id;
        token.accountId = user.accountId;
        token.role = user.role;
        token.sat = user.signedInAt;
        return token;
      }
      // Twelve hours after signing in it is over, whatever the token's own expiry says; a cookie
      // from before sign-in times were recorded has none and counts as over too.
      return sessionSecondsLeft(token.sat) > 0 ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.accountId = token.accountId as string;
      session.user.role = token.role as Role;
      session.user.sessionId = token.sid as string;
      session.user.signedInAt = token.sat as string;
      session.expires = sessionEndsAt(token.sat as string) as typeof session.expires;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface User {
    accountId: string;
    role: Role;
    /** When the credentials were checked, by the database's clock. */
    signedInAt: string;
  }
  interface Session {
    user: {
      id: string;
      accountId: string;
      role: Role;
      sessionId: string;
      signedInAt: string;
      name?: string | null;
      email?: string | null;
    };
  }
}
