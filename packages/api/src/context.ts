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
  /** Null when the request carries no session, or the user was deactivated or deleted. */
  user: CurrentUser | null;
  /** The request's instant: services take the clock from here, never from Date.now(). */
  now: Date;
};

/**
 * Builds the context from the session's user id. The role and store are read from the database on
 * every request, so a role change or a deactivation takes effect at once rather than when the
 * session token expires.
 */
export async function createContext(opts: {
  db: Database;
  sessionUserId: number | null;
  now?: Date;
}): Promise<Context> {
  const now = opts.now ?? new Date();
  if (opts.sessionUserId === null) return { db: opts.db, user: null, now };
  const [row] = await opts.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      storeId: users.storeId,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, opts.sessionUserId))
    .limit(1);
  if (!row || !row.active) return { db: opts.db, user: null, now };
  const { active: _active, ...user } = row;
  return { db: opts.db, user, now };
}
