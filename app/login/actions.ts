"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { signInSchema } from "@/lib/auth/authenticate";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { requestOrigin } from "@/lib/web/request-origin";

export type SignInState = { error?: "invalid" | "invalidInput" | "throttled" | "unexpected"; email?: string };

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  if (!parsed.success) return { error: "invalidInput", email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: sameOriginPath(formData.get("callbackUrl"), await requestOrigin()) });
    return {};
  } catch (error) {
    // signIn answers success by throwing Next's redirect, which must go through untouched.
    if (error instanceof AuthError) {
      if (error.type === "CredentialsSignin") {
        return { error: (error as CredentialsSignin).code === "throttled" ? "throttled" : "invalid", email };
      }
      console.error("sign-in failed", error);
      return { error: "unexpected", email };
    }
    throw error;
  }
}
