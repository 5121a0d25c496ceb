import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/db/schema";

// Edge-safe half of the auth setup (no database): the request gate uses it to read the
// session cookie. The credentials provider lives in ./auth.ts.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  logger: {
    // A wrong password is an answer, not a server error: keep it out of the error log.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.accountId = user.accountId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.accountId = token.accountId as string;
      session.user.role = token.role as Role;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface User {
    accountId: string;
    role: Role;
  }
  interface Session {
    user: { id: string; accountId: string; role: Role; name?: string | null; email?: string | null };
  }
}
