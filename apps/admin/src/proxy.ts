import NextAuth from "next-auth";
import { authConfig } from "./server/auth.config";

// Redirects signed-out visitors to /login; the API enforces access on its own for every call.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
