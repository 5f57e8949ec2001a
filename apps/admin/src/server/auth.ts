import "server-only";
import NextAuth, { CredentialsSignin, type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { verifyCredentials, type SessionClaim } from "@boomerang/api";
import { authConfig } from "./auth.config";
import { getDb } from "./db";

/** Too many failures for this email: sign-in pauses for a few minutes. */
export class SignInLocked extends CredentialsSignin {
  override code = "locked";
}

const credentialsInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(200),
});

const nextAuth = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(await getDb(), { ...parsed.data, now: new Date() });
        if (result.ok) {
          return { ...result.user, id: String(result.user.id) };
        }
        if (result.reason === "locked") throw new SignInLocked();
        return null;
      },
    }),
  ],
});

export const { handlers, signIn, signOut } = nextAuth;
/** The session for this request, read once per render. */
export const auth = cache(nextAuth.auth);

/**
 * What the API needs of a session: the user id and the session key it was issued with. Null when
 * signed out, or for a token from before session keys (its holder signs in again).
 */
export function sessionClaim(session: Session | null): SessionClaim | null {
  const id = Number(session?.user?.id);
  const sessionKey = session?.user?.sessionKey;
  if (!Number.isInteger(id) || id <= 0 || !sessionKey) return null;
  return { userId: id, sessionKey };
}
