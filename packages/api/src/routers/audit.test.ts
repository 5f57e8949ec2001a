import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, type DbHandle } from "@boomerang/db";
import { makeBusiness, makeUser } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { callerFor } from "../test/caller";

describe.each(testDrivers())("the audit log's date filter on $name", (driver) => {
  let handle: DbHandle;
  let admin = 0;

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_audit_dates");
    // Rome is UTC+2 in June: 1 June starts at 31 May 22:00 UTC.
    await makeBusiness(handle.db, { timezone: "Europe/Rome" });
    admin = (await makeUser(handle.db, { role: "admin" })).id;
    const entry = (action: string, at: string) => ({
      actorId: admin,
      action,
      entityType: "program",
      entityId: "1",
      changes: {},
      at: new Date(at),
    });
    await handle.db.insert(auditLog).values([
      entry("program.may", "2025-05-31T21:30:00Z"), // 23:30 on 31 May in Rome
      entry("program.june-first", "2025-05-31T22:30:00Z"), // 00:30 on 1 June in Rome
      entry("program.june-mid", "2025-06-15T10:00:00Z"),
      entry("program.june-last", "2025-06-30T21:59:00Z"), // 23:59 on 30 June in Rome
      entry("program.july", "2025-06-30T22:00:00Z"), // midnight, 1 July in Rome
    ]);
  });
  afterAll(async () => handle?.close());

  const actions = async (input: { from?: string; to?: string }) => {
    const api = await callerFor(handle.db, admin);
    const page = await api.audit.list({ ...input, entityType: "program" });
    return page.entries.map((e) => e.action);
  };

  it("keeps the entries from the first to the last chosen day, inclusive, in the business time zone", async () => {
    expect(await actions({ from: "2025-06-01", to: "2025-06-30" })).toEqual([
      "program.june-last",
      "program.june-mid",
      "program.june-first",
    ]);
    expect(await actions({ from: "2025-06-15", to: "2025-06-15" })).toEqual(["program.june-mid"]);
  });

  it("takes either end on its own", async () => {
    expect(await actions({ from: "2025-06-30" })).toEqual(["program.july", "program.june-last"]);
    expect(await actions({ to: "2025-05-31" })).toEqual(["program.may"]);
    expect(await actions({})).toHaveLength(5);
  });

  it("refuses a start after the end and a malformed date, saying how to fix them", async () => {
    const api = await callerFor(handle.db, admin);
    const failure = async (input: { from?: string; to?: string }) =>
      api.audit.list(input).then(
        () => null,
        (e: unknown) => e as TRPCError,
      );
    const reversed = await failure({ from: "2025-07-01", to: "2025-06-01" });
    expect(reversed?.code).toBe("BAD_REQUEST");
    expect(reversed?.message).toContain("The start date must not be after the end date.");
    const malformed = await failure({ from: "01/06/2025" });
    expect(malformed?.code).toBe("BAD_REQUEST");
    expect(malformed?.message).toContain("YYYY-MM-DD");
  });
});
