import { eq } from "drizzle-orm";
import { users, type Database } from "@boomerang/db";
import type { Role } from "@boomerang/domain";

export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  storeId: number | null;
};

export type Context = {
  db: Database;
  /**
   * Null when the request carries no session, the user was deactivated or deleted, or the
   * session was issued before their password was reset.
   */
  user: CurrentUser | null;
  /** The request's instant: services take the clock from here, never from Date.now(). */
  now: Date;
  /**
   * What the request's token claims, checked or not: trust `user` for who is calling. The claim
   * itself only serves to recognise one session (the one that started a demo reset, say).
   */
  session: SessionClaim | null;
};

/** What a session token says: whose it is, and the user's session key when it was issued. */
export type SessionClaim = { userId: number; sessionKey: string };

/**
 * Builds the context from the session's claim. The role and store are read from the database on
 * every request, so a role change or a deactivation takes effect at once rather than when the
 * session token expires; a password reset changes the user's session key, which ends every
 * session issued before it.
 */
export async function createContext(opts: {
  db: Database;
  session: SessionClaim | null;
  now?: Date;
}): Promise<Context> {
  const now = opts.now ?? new Date();
  const signedOut = { db: opts.db, user: null, now, session: opts.session };
  if (opts.session === null) return signedOut;
  const [row] = await opts.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      storeId: users.storeId,
      active: users.active,
      sessionKey: users.sessionKey,
    })
    .from(users)
    .where(eq(users.id, opts.session.userId))
    .limit(1);
  if (!row || !row.active || row.sessionKey !== opts.session.sessionKey) return signedOut;
  const { active: _active, sessionKey: _key, ...user } = row;
  return { db: opts.db, user, now, session: opts.session };
}
