import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@boomerang/db";
import { makeUser, TEST_PASSWORD } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { MAX_FAILURES, verifyCredentials } from "./verify-credentials";

const t0 = new Date("2025-06-01T10:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(testDrivers())("sign-in on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "api_sign_in");
    await makeUser(handle.db, { role: "marketer", email: "Mara@Example.test" });
    await makeUser(handle.db, { role: "analyst", email: "gone@example.test", active: false });
    await makeUser(handle.db, { role: "analyst", email: "locked@example.test" });
  });
  afterAll(async () => handle?.close());

  it("accepts the right password, whatever the email's case and spacing", async () => {
    const result = await verifyCredentials(handle.db, {
      email: "  mara@example.TEST ",
      password: TEST_PASSWORD,
      now: t0,
    });
    expect(result.ok && result.user.role).toBe("marketer");
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await verifyCredentials(handle.db, {
      email: "mara@example.test",
      password: "nope",
      now: t0,
    });
    const unknown = await verifyCredentials(handle.db, {
      email: "nobody@example.test",
      password: "nope",
      now: t0,
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a deactivated account even with the right password", async () => {
    const result = await verifyCredentials(handle.db, {
      email: "gone@example.test",
      password: TEST_PASSWORD,
      now: t0,
    });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks an email for a while after ${MAX_FAILURES} failures, even for the right password`, async () => {
    const email = "locked@example.test";
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(
        (await verifyCredentials(handle.db, { email, password: "bad", now: later(i) })).ok,
      ).toBe(false);
    }
    const fifth = await verifyCredentials(handle.db, { email, password: "bad", now: later(4) });
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    const during = await verifyCredentials(handle.db, {
      email,
      password: TEST_PASSWORD,
      now: later(6),
    });
    expect(during).toMatchObject({ ok: false, reason: "locked" });
    const after = await verifyCredentials(handle.db, {
      email,
      password: TEST_PASSWORD,
      now: later(10),
    });
    expect(after.ok).toBe(true);
  });

  it("locks unknown emails too, so the lock reveals nothing", async () => {
    const email = "ghost@example.test";
    let last;
    for (let i = 0; i < MAX_FAILURES; i++)
      last = await verifyCredentials(handle.db, { email, password: "x", now: later(i) });
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("forgets old failures once the window has passed", async () => {
    const user = await makeUser(handle.db, { role: "analyst" });
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await verifyCredentials(handle.db, { email: user.email, password: "bad", now: later(i) });
    const afterWindow = await verifyCredentials(handle.db, {
      email: user.email,
      password: "bad",
      now: later(60),
    });
    expect(afterWindow).toEqual({ ok: false, reason: "invalid" });
  });
});

// PGlite has a single connection, so parallel attempts never overlap there: only a real server shows a race.
const postgres = testDrivers().find((d) => d.name === "postgres");

describe.skipIf(postgres === undefined)("parallel sign-in guesses on PostgreSQL", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(postgres!, "api_sign_in_race");
  });
  afterAll(async () => handle?.close());

  it(`lets only ${MAX_FAILURES} of 40 simultaneous wrong guesses be checked, then locks`, async () => {
    for (let round = 0; round < 3; round++) {
      const user = await makeUser(handle.db, { role: "marketer" });
      const results = await Promise.all(
        Array.from({ length: 40 }, () =>
          verifyCredentials(handle.db, { email: user.email, password: "guess", now: t0 }),
        ),
      );
      // Every checked guess but the last answers "invalid"; the last one and all later ones are locked.
      expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILURES - 1);
      expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(
        40 - (MAX_FAILURES - 1),
      );
      const rightPassword = await verifyCredentials(handle.db, {
        email: user.email,
        password: TEST_PASSWORD,
        now: later(1),
      });
      expect(rightPassword).toMatchObject({ ok: false, reason: "locked" });
    }
  });
});
