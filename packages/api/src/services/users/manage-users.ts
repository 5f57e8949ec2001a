import bcrypt from "bcryptjs";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { stores, users, type Database } from "@boomerang/db";
import { conflict, invalid, notFound } from "../../errors";
import { changedFields, recordAudit } from "../audit";
import type { NewUserInput, UserChangesInput } from "./user-input";

const hashCost = 10;

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  storeId: users.storeId,
  active: users.active,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};

export type UserSummary = Awaited<ReturnType<typeof listUsers>>[number];

/** Everyone with an account, active first; password hashes never leave the service. */
export async function listUsers(db: Database) {
  return db
    .select({ ...publicColumns, storeName: stores.name })
    .from(users)
    .leftJoin(stores, eq(stores.id, users.storeId))
    .orderBy(sql`${users.active} desc`, asc(users.name));
}

async function assertStoreExists(db: Database, storeId: number | null) {
  if (storeId === null) return;
  const [store] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!store) throw invalid("That store does not exist.", { field: "storeId" });
}

async function assertEmailFree(db: Database, email: string, exceptUserId?: number) {
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (taken && taken.id !== exceptUserId)
    throw conflict("Another account already uses that email.");
}

export async function createUser(db: Database, actorId: number, input: NewUserInput, now: Date) {
  return db.transaction(async (tx) => {
    await assertStoreExists(tx, input.storeId);
    await assertEmailFree(tx, input.email);
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        storeId: input.storeId,
        passwordHash: await bcrypt.hash(input.password, hashCost),
        createdAt: now,
      })
      .returning(publicColumns);
    if (!user) throw new Error("insert returned no user");
    await recordAudit(tx, {
      actorId,
      action: "user.created",
      entityType: "user",
      entityId: user.id,
      changes: { email: user.email, name: user.name, role: user.role, storeId: user.storeId },
      at: now,
    });
    return user;
  });
}

/**
 * Refuses a change that would leave the business without an active admin: locks the active admins
 * first, so two admins demoting each other at once cannot both succeed.
 */
async function assertAnotherActiveAdmin(db: Database, userId: number, message: string) {
  const others = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)))
    .for("update");
  if (others.length === 0) throw conflict(message);
}

async function lockUser(db: Database, id: number) {
  const [user] = await db.select(publicColumns).from(users).where(eq(users.id, id)).for("update");
  if (!user) throw notFound("The user");
  return user;
}

export async function updateUser(
  db: Database,
  actorId: number,
  input: UserChangesInput,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.id);
    await assertStoreExists(tx, input.storeId);
    if (before.role === "admin" && before.active && input.role !== "admin") {
      await assertAnotherActiveAdmin(
        tx,
        before.id,
        "This is the last active admin: make someone else an admin first.",
      );
    }
    // The email is the sign-in name: unique regardless of case (the database enforces it too).
    const email = input.email ?? before.email;
    if (email !== before.email) await assertEmailFree(tx, email, before.id);
    const after = { name: input.name, email, role: input.role, storeId: input.storeId };
    const changes = changedFields(
      { name: before.name, email: before.email, role: before.role, storeId: before.storeId },
      after,
    );
    if (Object.keys(changes).length === 0) return before;
    const [user] = await tx
      .update(users)
      .set(after)
      .where(eq(users.id, input.id))
      .returning(publicColumns);
    await recordAudit(tx, {
      actorId,
      action: "user.updated",
      entityType: "user",
      entityId: input.id,
      changes,
      at: now,
    });
    return user!;
  });
}

/**
 * Deactivates or reactivates an account; accounts are never deleted, so their history keeps its
 * author. Deactivating draws a new session key, so reactivating does not bring old sessions back.
 */
export async function setUserActive(
  db: Database,
  actorId: number,
  input: { id: number; active: boolean },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.id);
    if (before.active === input.active) return before;
    if (!input.active && before.role === "admin") {
      await assertAnotherActiveAdmin(
        tx,
        before.id,
        "This is the last active admin and cannot be deactivated.",
      );
    }
    const [user] = await tx
      .update(users)
      .set(input.active ? { active: true } : { active: false, sessionKey: sql`gen_random_uuid()` })
      .where(eq(users.id, input.id))
      .returning(publicColumns);
    await recordAudit(tx, {
      actorId,
      action: input.active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: input.id,
      changes: { active: { from: before.active, to: input.active } },
      at: now,
    });
    return user!;
  });
}

/**
 * An admin sets a temporary password and passes it on; the audit log records that it happened,
 * never the password. A new session key signs the user out everywhere: whoever knew the old
 * password keeps no session.
 */
export async function resetUserPassword(
  db: Database,
  actorId: number,
  input: { id: number; password: string },
  now: Date,
) {
  const passwordHash = await bcrypt.hash(input.password, hashCost);
  await db.transaction(async (tx) => {
    await lockUser(tx, input.id);
    await tx
      .update(users)
      .set({ passwordHash, sessionKey: sql`gen_random_uuid()` })
      .where(eq(users.id, input.id));
    await recordAudit(tx, {
      actorId,
      action: "user.password_reset",
      entityType: "user",
      entityId: input.id,
      at: now,
    });
  });
  return { ok: true as const };
}
