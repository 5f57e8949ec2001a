import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "../services/auth/verify-credentials";
import { auditLog, type DbHandle } from "@boomerang/db";
import { makeBusiness, makeStore, makeUser, TEST_PASSWORD } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { desc } from "drizzle-orm";
import { callerFor, callerForClaim, claimFor } from "../test/caller";

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe.each(testDrivers())("users, settings and the audit log on $name", (driver) => {
  let handle: DbHandle;
  let admin = 0;
  let milano = 0;

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_users");
    await makeBusiness(handle.db, { timezone: "Europe/Rome" });
    milano = (await makeStore(handle.db, { name: "Milano" })).id;
    admin = (await makeUser(handle.db, { role: "admin", name: "Ada Admin" })).id;
  });
  afterAll(async () => handle?.close());

  const lastAudit = async () =>
    (await handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];

  it("creates a store manager who can sign in with the temporary password, and records who did it", async () => {
    const api = await callerFor(handle.db, admin);
    const user = await api.users.create({
      email: "Gianni@Shop.test",
      name: "Gianni",
      role: "store_manager",
      storeId: milano,
      password: "temporary-pass-1",
    });
    expect(user).toMatchObject({ role: "store_manager", storeId: milano, active: true });
    expect(user).not.toHaveProperty("passwordHash");
    const signIn = await verifyCredentials(handle.db, {
      email: "gianni@shop.test",
      password: "temporary-pass-1",
      now: new Date(),
    });
    expect(signIn.ok).toBe(true);
    expect(await lastAudit()).toMatchObject({
      actorId: admin,
      action: "user.created",
      entityType: "user",
      entityId: String(user.id),
    });
    expect(
      await failure(
        api.users.create({
          email: "gianni@shop.test",
          name: "Again",
          role: "analyst",
          storeId: null,
          password: "temporary-pass-1",
        }),
      ),
    ).toEqual({
      code: "CONFLICT",
      message: "Another account already uses that email.",
    });
  });

  it("refuses a store manager without a store, or an analyst with one, saying which field", async () => {
    const api = await callerFor(handle.db, admin);
    const noStore = await failure(
      api.users.create({
        email: "x@shop.test",
        name: "X",
        role: "store_manager",
        storeId: null,
        password: "temporary-pass-1",
      }),
    );
    expect(noStore.code).toBe("BAD_REQUEST");
    expect(noStore.message).toContain("A store manager needs a store");
    const short = await failure(
      api.users.create({
        email: "y@shop.test",
        name: "Y",
        role: "analyst",
        storeId: null,
        password: "short",
      }),
    );
    expect(short.message).toContain("at least 10 characters");
  });

  it("changes a role and store, deactivates and resets a password, each written to the audit log", async () => {
    const api = await callerFor(handle.db, admin);
    const user = await makeUser(handle.db, { role: "analyst", name: "Ugo" });
    const updated = await api.users.update({
      id: user.id,
      name: "Ugo",
      role: "store_manager",
      storeId: milano,
    });
    expect(updated).toMatchObject({ role: "store_manager", storeId: milano });
    expect((await lastAudit())?.changes).toEqual({
      role: { from: "analyst", to: "store_manager" },
      storeId: { from: null, to: milano },
    });

    await api.users.resetPassword({ id: user.id, password: "a-new-temporary-1" });
    const reset = await lastAudit();
    expect(reset).toMatchObject({ action: "user.password_reset", entityId: String(user.id) });
    expect(JSON.stringify(reset?.changes)).not.toContain("a-new-temporary-1");

    await api.users.setActive({ id: user.id, active: false });
    expect((await lastAudit())?.action).toBe("user.deactivated");
    const signIn = await verifyCredentials(handle.db, {
      email: user.email,
      password: "a-new-temporary-1",
      now: new Date(),
    });
    expect(signIn.ok).toBe(false);
  });

  it("ends every session issued before a password reset or a deactivation, and only those", async () => {
    const admin_ = await callerFor(handle.db, admin);
    const user = await makeUser(handle.db, { role: "marketer" });
    const signIn = await verifyCredentials(handle.db, {
      email: user.email,
      password: TEST_PASSWORD,
      now: new Date(),
    });
    if (!signIn.ok) throw new Error("the factory user should sign in");
    const asSignedIn = async () =>
      callerForClaim(handle.db, { userId: user.id, sessionKey: signIn.user.sessionKey });
    expect((await (await asSignedIn()).session.me()).user.id).toBe(user.id);
    // Another admin's reset, or a role change, leaves the session alone.
    await admin_.users.update({ id: user.id, name: user.name, role: "analyst", storeId: null });
    expect((await (await asSignedIn()).session.me()).user.role).toBe("analyst");

    // Deactivated then reactivated (say, while the laptop was missing): the old session stays ended.
    const before = await claimFor(handle.db, user.id);
    await admin_.users.setActive({ id: user.id, active: false });
    await admin_.users.setActive({ id: user.id, active: true });
    const stale = await callerForClaim(handle.db, before);
    await expect(stale.session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await admin_.users.resetPassword({ id: user.id, password: "a-new-temporary-2" });
    await expect((await asSignedIn()).session.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const again = await verifyCredentials(handle.db, {
      email: user.email,
      password: "a-new-temporary-2",
      now: new Date(),
    });
    expect(again.ok && again.user.sessionKey).not.toBe(signIn.user.sessionKey);
    const fresh = await callerForClaim(handle.db, {
      userId: user.id,
      sessionKey: again.ok ? again.user.sessionKey : "",
    });
    expect((await fresh.session.me()).user.id).toBe(user.id);
  });

  it("keeps the last active admin: they cannot remove their own admin role or deactivate themselves", async () => {
    const api = await callerFor(handle.db, admin);
    const demote = await failure(
      api.users.update({ id: admin, name: "Ada Admin", role: "analyst", storeId: null }),
    );
    expect(demote).toEqual({
      code: "CONFLICT",
      message: "This is the last active admin: make someone else an admin first.",
    });
    const deactivate = await failure(api.users.setActive({ id: admin, active: false }));
    expect(deactivate).toEqual({
      code: "CONFLICT",
      message: "This is the last active admin and cannot be deactivated.",
    });

    // With a second active admin, the first may step down.
    const second = await makeUser(handle.db, { role: "admin" });
    expect(
      (await api.users.update({ id: admin, name: "Ada Admin", role: "marketer", storeId: null }))
        .role,
    ).toBe("marketer");
    const secondApi = await callerFor(handle.db, second.id);
    expect((await failure(secondApi.users.setActive({ id: second.id, active: false }))).code).toBe(
      "CONFLICT",
    );
    await secondApi.users.update({ id: admin, name: "Ada Admin", role: "admin", storeId: null });
  });

  it("validates settings with Intl, saves them for every page, and records the change", async () => {
    const api = await callerFor(handle.db, admin);
    const base = {
      businessName: "Bottega",
      currency: "EUR",
      locale: "it-IT",
      timezone: "Europe/Rome",
      churnWindowDays: 120,
    };
    const badZone = await failure(api.settings.update({ ...base, timezone: "Europe/Atlantis" }));
    expect(badZone).toMatchObject({ code: "BAD_REQUEST" });
    expect(badZone.message).toContain("IANA time zone");
    expect((await failure(api.settings.update({ ...base, currency: "EUX" }))).message).toContain(
      "ISO 4217",
    );
    expect(
      (await failure(api.settings.update({ ...base, locale: "not a locale!" }))).message,
    ).toContain("language tag");

    await api.settings.update({ ...base, currency: "usd" });
    const me = await api.session.me();
    expect(me.business).toMatchObject({
      businessName: "Bottega",
      currency: "USD",
      locale: "it-IT",
      timezone: "Europe/Rome",
    });
    expect((await api.settings.get()).churnWindowDays).toBe(120);
    expect(await lastAudit()).toMatchObject({ action: "settings.updated", entityType: "settings" });
    expect((await lastAudit())?.changes).toMatchObject({
      currency: { from: "EUR", to: "USD" },
      churnWindowDays: { to: 120 },
    });
  });

  it("filters the audit log by entity, actor and action, newest first, a page at a time", async () => {
    const api = await callerFor(handle.db, admin);
    const users = await api.audit.list({ entityType: "user", limit: 2 });
    expect(users.entries).toHaveLength(2);
    expect(users.entries.every((e) => e.entityType === "user")).toBe(true);
    expect(users.entries[0]!.id).toBeGreaterThan(users.entries[1]!.id);
    expect(users.nextBefore).toBe(users.entries[1]!.id);
    const next = await api.audit.list({ entityType: "user", limit: 2, cursor: users.nextBefore });
    expect(next.entries[0]!.id).toBeLessThan(users.entries[1]!.id);

    const deactivations = await api.audit.list({ action: "user.deactivated" });
    // Two users were deactivated by the tests above (one of them deactivated and reactivated).
    expect(deactivations.entries.map((e) => e.action)).toEqual([
      "user.deactivated",
      "user.deactivated",
    ]);
    expect(deactivations.entries[0]?.actorName).toBe("Ada Admin");
    const options = await api.audit.filterOptions();
    expect(options.entityTypes).toEqual(["settings", "user"]);
    const none = await api.audit.list({ range: { from: "2000-01-01", to: "2000-01-31" } });
    expect(none.entries).toEqual([]);
  });

  it("lets an admin correct a user's name and email, unique regardless of case, and records both", async () => {
    const api = await callerFor(handle.db, admin);
    const user = await api.users.create({
      email: "lucia@shop.test",
      name: "Lucia",
      role: "analyst",
      storeId: null,
      password: "temporary-pass-2",
    });
    await api.users.create({
      email: "taken@shop.test",
      name: "Taken",
      role: "analyst",
      storeId: null,
      password: "temporary-pass-3",
    });
    const edited = await api.users.update({
      id: user.id,
      name: "Lucia Bianchi",
      email: "lucia.bianchi@shop.test",
      role: "analyst",
      storeId: null,
    });
    expect(edited).toMatchObject({ name: "Lucia Bianchi", email: "lucia.bianchi@shop.test" });
    expect(await lastAudit()).toMatchObject({
      action: "user.updated",
      entityId: String(user.id),
      changes: {
        name: { from: "Lucia", to: "Lucia Bianchi" },
        email: { from: "lucia@shop.test", to: "lucia.bianchi@shop.test" },
      },
    });
    // The new email signs in; the old one no longer does.
    const signIn = (email: string) =>
      verifyCredentials(handle.db, { email, password: "temporary-pass-2", now: new Date() });
    expect((await signIn("lucia.bianchi@shop.test")).ok).toBe(true);
    expect((await signIn("lucia@shop.test")).ok).toBe(false);

    const duplicate = await failure(
      api.users.update({
        id: user.id,
        name: "Lucia Bianchi",
        email: "TAKEN@shop.test",
        role: "analyst",
        storeId: null,
      }),
    );
    expect(duplicate).toEqual({
      code: "CONFLICT",
      message: "Another account already uses that email.",
    });
    const malformed = await failure(
      api.users.update({
        id: user.id,
        name: "Lucia Bianchi",
        email: "not-an-email",
        role: "analyst",
        storeId: null,
      }),
    );
    expect(malformed.code).toBe("BAD_REQUEST");
    expect(malformed.message).toContain("Enter a valid email address.");
    // Changing only the case of one's own email is not a clash.
    const recased = await api.users.update({
      id: user.id,
      name: "Lucia Bianchi",
      email: "Lucia.Bianchi@shop.test",
      role: "analyst",
      storeId: null,
    });
    expect(recased.email).toBe("Lucia.Bianchi@shop.test");
    // Leaving the email out keeps it.
    const renamed = await api.users.update({
      id: user.id,
      name: "Lucia B.",
      role: "analyst",
      storeId: null,
    });
    expect(renamed).toMatchObject({ name: "Lucia B.", email: "Lucia.Bianchi@shop.test" });
  });
});
