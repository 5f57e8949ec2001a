import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { signInThrottle, users, type Database } from "@boomerang/db";
import type { Role } from "@boomerang/domain";

/** After this many failures within the window, sign-in for that email pauses for LOCK_MS. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 5 * 60_000;
// Compared against when the email is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$10$eNfWriH6IkRV3boaBgB4ye5fjc63zH9v/6n32zEw/c6Dn65qrV78W";

export type SignInResult =
  | {
      ok: true;
      user: { id: number; email: string; name: string; role: Role; storeId: number | null };
    }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks an email and password. Failures are counted per email whether or not it exists, so
 * neither the message nor the lock reveals which emails have accounts.
 */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string; now: Date },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const now = input.now;
  const [throttle] = await db.select().from(signInThrottle).where(eq(signInThrottle.email, email));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    return {
      ok: false,
      reason: "locked",
      retryAfterSeconds: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const matches = await bcrypt.compare(input.password, user?.passwordHash ?? DUMMY_HASH);

  if (user && user.active && matches) {
    await db.transaction(async (tx) => {
      await tx.delete(signInThrottle).where(eq(signInThrottle.email, email));
      await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    });
    return {
      ok: true,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        storeId: user.storeId,
      },
    };
  }

  const windowOpen = throttle && now.getTime() - throttle.windowStartedAt.getTime() < WINDOW_MS;
  const failures = (windowOpen ? throttle.failures : 0) + 1;
  const locked = failures >= MAX_FAILURES;
  const values = {
    failures: locked ? 0 : failures,
    windowStartedAt: windowOpen ? throttle.windowStartedAt : now,
    lockedUntil: locked ? new Date(now.getTime() + LOCK_MS) : null,
  };
  await db
    .insert(signInThrottle)
    .values({ email, ...values })
    .onConflictDoUpdate({ target: signInThrottle.email, set: values });
  if (locked) return { ok: false, reason: "locked", retryAfterSeconds: LOCK_MS / 1000 };
  return { ok: false, reason: "invalid" };
}
