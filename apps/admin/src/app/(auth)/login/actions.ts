"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";

export type LoginState = { error: string | null; email: string };

/** Signs in; on failure says what to do without revealing whether the email exists. */
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
    return { error: null, email };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "locked") {
      return { error: "Too many failed attempts. Wait 5 minutes, then try again.", email };
    }
    if (error instanceof AuthError) {
      return { error: "That email and password do not match an active account. Check both and try again.", email };
    }
    // Success is a redirect, which Next.js signals by throwing: let it through.
    throw error;
  }
}
