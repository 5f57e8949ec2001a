import type { NextAuthConfig } from "next-auth";
import type { Role } from "@boomerang/domain";

declare module "next-auth" {
  interface User {
    role?: Role;
    storeId?: number | null;
    sessionKey?: string | null;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      email: string;
      role: Role;
      storeId: number | null;
      /** The user's session key at sign-in; the API refuses the session once it changes. */
      sessionKey: string | null;
    };
  }
}

/**
 * The part of the Auth.js config that needs no database, so proxy.ts can use it. Route protection
 * there is a convenience: the API checks the user again on every request.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Self-hosted behind whatever host the operator chooses; there is no fixed AUTH_URL.
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const signedIn = Boolean(auth?.user);
      const onLogin = request.nextUrl.pathname.startsWith("/login");
      if (onLogin) {
        return signedIn ? Response.redirect(new URL("/", request.nextUrl)) : true;
      }
      return signedIn;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = String(user.id);
        token.role = user.role;
        token.storeId = user.storeId ?? null;
        token.sessionKey = user.sessionKey ?? null;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = token.role as Role;
      session.user.storeId = (token.storeId as number | null | undefined) ?? null;
      session.user.sessionKey = (token.sessionKey as string | null | undefined) ?? null;
      return session;
    },
  },
} satisfies NextAuthConfig;
