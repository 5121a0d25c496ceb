import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/db/schema";
import { sameOriginPath } from "./callback-url";

// Edge-safe half of the auth setup (no database): the request gate uses it to read the
// session cookie. The credentials provider lives in ./auth.ts.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
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
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.accountId = token.accountId as string;
      session.user.role = token.role as Role;
      session.user.sessionId = token.sid as string;
      // Cookies from before this was recorded have none: they count as signed in long ago.
      session.user.signedInAt = (token.sat as string | undefined) ?? "1970-01-01T00:00:00Z";
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
