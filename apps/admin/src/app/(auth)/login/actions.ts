"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { eq, sql } from "drizzle-orm";
import { users } from "@boomerang/db";
import { signIn } from "@/server/auth";
import { getDb } from "@/server/db";

export type LoginState = { error: string | null; email: string };

/** Signs in; on failure says what to do without revealing whether the email exists. */
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: await landingFor(email) });
    return { error: null, email };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "locked") {
      return { error: "Too many failed attempts. Wait 5 minutes, then try again.", email };
    }
    if (error instanceof AuthError) {
      return {
        error: "That email and password do not match an active account. Check both and try again.",
        email,
      };
    }
    // Success is a redirect, which Next.js signals by throwing: let it through.
    throw error;
  }
}

/**
 * Where a successful sign-in lands: a store manager on their store's page, everyone else on the
 * Overview. Only used after the password is verified, so it reveals nothing about the email.
 */
async function landingFor(email: string): Promise<string> {
  const db = await getDb();
  const [user] = await db
    .select({ role: users.role, storeId: users.storeId })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return user?.role === "store_manager" && user.storeId !== null ? `/stores/${user.storeId}` : "/";
}
