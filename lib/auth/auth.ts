import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authConfig } from "./auth.config";
import { authenticate, signInSchema } from "./authenticate";

/** Told apart from a wrong password by its code, so the form can say to wait. */
export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
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
