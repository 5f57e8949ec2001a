import { eq } from "drizzle-orm";
import { users, type Database } from "@boomerang/db";
import { createContext, type SessionClaim } from "../context";
import { createCaller } from "../root";

/**
 * Calls procedures as a given user (or signed out), through the same middleware as HTTP, with the
 * session key the user has now (as a token issued at this moment would carry).
 */
export async function callerFor(
  db: Database,
  userId: number | null,
  now = new Date("2025-07-01T12:00:00Z"),
) {
  return createCaller(await createContext({ db, session: await claimFor(db, userId), now }));
}

/** The session claim a sign-in would put in the token now; null when signed out or no such user. */
export async function claimFor(db: Database, userId: number | null) {
  if (userId === null) return null;
  const [row] = await db
    .select({ sessionKey: users.sessionKey })
    .from(users)
    .where(eq(users.id, userId));
  // An unknown user still gets a claim, so tests see what a stale token gets: no user.
  return { userId, sessionKey: row?.sessionKey ?? "00000000-0000-0000-0000-000000000000" };
}

/** Calls procedures with a given session claim, as a token issued earlier would carry it. */
export async function callerForClaim(db: Database, session: SessionClaim | null) {
  return createCaller(await createContext({ db, session }));
}
