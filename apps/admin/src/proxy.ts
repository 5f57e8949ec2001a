import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authConfig } from "./server/auth.config";

// Redirects signed-out visitors to /login; the API enforces access on its own for every call.
const { auth } = NextAuth(authConfig);
const authProxy = auth as unknown as (request: NextRequest, context: unknown) => Promise<Response>;

/** The session cookie and its chunks, with or without the __Secure- prefix. */
const sessionCookie = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * Auth.js re-issues the session cookie on every request it sees (a rolling expiry). A page request
 * still in flight when the user signs out — Next prefetches the navigation's pages as the sign-out
 * refreshes the screen — would then set the cookie again after the sign-out deleted it, and the
 * user would stay signed in. So this proxy only reads the session: the cookie is written at sign-in
 * and deleted at sign-out, and a session lasts its 30 days from sign-in.
 */
export default async function proxy(request: NextRequest, context: unknown): Promise<Response> {
  const response = await authProxy(request, context);
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((cookie) => sessionCookie.test(cookie))) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies)
    if (!sessionCookie.test(cookie)) headers.append("set-cookie", cookie);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
