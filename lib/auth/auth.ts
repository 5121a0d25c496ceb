import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { loadActor } from "@/lib/access/actor";
import { authConfig } from "./auth.config";
import { authenticate, signInSchema } from "./authenticate";

/** Told apart from a wrong password by its code, so the form can say to wait. */
export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Auth.js re-issues the cookie of every session it reads (here and at /api/auth/session):
      // a session the database has ended — signed out, password changed, person deactivated —
      // gets no new cookie, its old one is cleared instead.
      const live =
        typeof token.uid === "string" &&
        typeof token.sid === "string" &&
        (await loadActor(await getDb(), token.uid, { sessionId: token.sid, signedInAt: token.sat as string })) !== null;
      return live ? token : null;
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await authenticate(await getDb(), parsed.data);
        if (user === "throttled") throw new TooManyAttempts();
        return user;
      },
    }),
  ],
});
