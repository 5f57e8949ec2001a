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
      user: {
        id: number;
        email: string;
        name: string;
        role: Role;
        storeId: number | null;
        /** Goes into the session token; the API refuses the token once the key changes. */
        sessionKey: string;
      };
    }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks an email and password. Failures are counted per email whether or not it exists, so
 * neither the message nor the lock reveals which emails have accounts.
 *
 * Every attempt is counted before the (deliberately slow) password check, under a row lock, and
 * un-counted only by a success. Counting after the check would let parallel guesses all read the
 * same count and slip past the lock: 40 at once would count as one.
 */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string; now: Date },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const now = input.now;
  const attempt = await chargeAttempt(db, email, now);
  if (attempt.kind === "refused") {
    return {
      ok: false,
      reason: "locked",
      retryAfterSeconds: Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 1000),
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
        sessionKey: user.sessionKey,
      },
    };
  }

  if (attempt.kind === "last")
    return { ok: false, reason: "locked", retryAfterSeconds: LOCK_MS / 1000 };
  return { ok: false, reason: "invalid" };
}

type Attempt =
  | { kind: "refused"; lockedUntil: Date }
  // Counted; "last" is the one that used up the window's allowance and locked the email.
  | { kind: "counted" }
  | { kind: "last" };

/** Counts one attempt for an email, or refuses it while the email is locked. One short transaction. */
async function chargeAttempt(db: Database, email: string, now: Date): Promise<Attempt> {
  return db.transaction(async (tx) => {
    // An upsert that touches the row both creates it and locks it for this transaction, even if a
    // success is deleting it at the same moment (a select after insert-or-nothing could miss it).
    const [row] = await tx
      .insert(signInThrottle)
      .values({ email, failures: 0, windowStartedAt: now, lockedUntil: null })
      .onConflictDoUpdate({ target: signInThrottle.email, set: { email: sql`excluded.email` } })
      .returning();
    if (row!.lockedUntil && row!.lockedUntil > now) {
      return { kind: "refused", lockedUntil: row!.lockedUntil };
    }
    const windowOpen = now.getTime() - row!.windowStartedAt.getTime() < WINDOW_MS;
    const failures = (windowOpen ? row!.failures : 0) + 1;
    const locked = failures >= MAX_FAILURES;
    await tx
      .update(signInThrottle)
      .set({
        failures: locked ? 0 : failures,
        windowStartedAt: windowOpen ? row!.windowStartedAt : now,
        lockedUntil: locked ? new Date(now.getTime() + LOCK_MS) : null,
      })
      .where(eq(signInThrottle.email, email));
    return { kind: locked ? "last" : "counted" };
  });
}
