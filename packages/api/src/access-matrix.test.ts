import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DbHandle } from "@boomerang/db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { roles, type Role } from "@boomerang/domain";
import { appRouter } from "./root";
import { callerFor } from "./test/caller";

/**
 * Walks every procedure of appRouter for every role (and for a caller without a session) and checks
 * what is allowed and what is refused against one table (access-table.ts). The list of procedures
 * comes from the router itself, so a procedure added without a rule fails here.
 */
/** Who may call a procedure: every role below a level may not (store managers only reach "store"). */
type Level = "public" | "store" | "analyst" | "marketer" | "admin";

const allowedBy: Record<Level, readonly (Role | "signed out")[]> = {
  public: ["signed out", "admin", "marketer", "analyst", "store_manager"],
  store: ["admin", "marketer", "analyst", "store_manager"],
  analyst: ["admin", "marketer", "analyst"],
  marketer: ["admin", "marketer"],
  admin: ["admin"],
};

const levelAllows = (level: Level, who: Role | "signed out") => allowedBy[level].includes(who);

/** One row per procedure of appRouter. */
const expectedAccess: Record<string, Level> = {
  "session.me": "store",
  "session.business": "public",
  "overview.get": "store",
  "stores.list": "store",
  "storeKpis.list": "store",
  "storeKpis.get": "store",
  "users.list": "admin",
  "users.create": "admin",
  "users.update": "admin",
  "users.setActive": "admin",
  "users.resetPassword": "admin",
  "audit.list": "admin",
  "audit.filterOptions": "admin",
  "settings.get": "admin",
  "settings.update": "admin",
  "settings.resetDemo": "admin",
  "settings.resetDemoStatus": "admin",
  "programs.catalog": "store",
  "programs.segmentOptions": "store",
  "programs.list": "store",
  "programs.get": "store",
  "programs.create": "marketer",
  "programs.update": "marketer",
  "programs.transition": "marketer",
  "programs.delete": "marketer",
  "programs.preview": "marketer",
  "segments.options": "store",
  "segments.count": "store",
  "segments.preview": "store",
  "segments.explain": "store",
  "segments.sql": "analyst",
  "segments.list": "store",
  "segments.get": "store",
  "segments.diff": "marketer",
  "segments.create": "marketer",
  "segments.update": "marketer",
  "segments.duplicate": "marketer",
  "segments.delete": "marketer",
  "segments.snapshots": "store",
  "segments.freezeSnapshot": "marketer",
  "segments.deleteSnapshot": "marketer",
  "segments.overlap": "store",
  "segments.sizeTrend": "store",
  "segments.versions": "store",
  "segments.restoreVersion": "marketer",
  "retention.get": "store",
  "retention.predictedValue": "store",
  "retention.refitPredictions": "marketer",
  "retention.brackets": "store",
  "retention.sideBySide": "store",
  "compare.start": "analyst",
  "compare.get": "analyst",
  "compare.list": "analyst",
  "compare.programOptions": "analyst",
  "compare.rerun": "analyst",
  "lift.report": "analyst",
  "apiKeys.list": "admin",
  "apiKeys.scopes": "admin",
  "apiKeys.create": "admin",
  "apiKeys.revoke": "admin",
  "data.preview": "marketer",
  "data.imports": "marketer",
  "data.importStatus": "marketer",
  "data.importReport": "marketer",
  "customers.list": "store",
  "customers.get": "store",
};

/**
 * A valid input naming the given store, for every procedure whose input names a store: a store
 * manager must get FORBIDDEN for another store's id and an answer for their own.
 */
const june = { from: "2025-06-01", to: "2025-06-30" };
/** Rows the samples refer to, created before the suite runs. */
const fixtures = { programId: 0 };
const storeScopedSamples: Record<string, (storeId: number) => unknown> = {
  "overview.get": (storeId) => ({ range: june, storeId }),
  "storeKpis.get": (storeId) => ({ range: june, storeId }),
  "retention.get": (storeId) => ({ range: june, storeId }),
  "retention.predictedValue": (storeId) => ({ storeId }),
  "retention.brackets": (storeId) => ({ range: june, storeId, ends: [7, 30] }),
  "retention.sideBySide": (storeId) => ({
    range: june,
    series: [
      { kind: "store", storeId },
      { kind: "program", programId: fixtures.programId, group: "members" },
    ],
  }),
  "programs.list": (storeId) => ({ storeId }),
  "programs.get": (storeId) => ({ id: fixtures.programId, storeId }),
  "customers.list": (storeId) => ({ storeId }),
};

/**
 * Procedures whose input may name stores but which never take a store to read from: the service
 * applies the caller's own store scope (ctx.storeScope) to whatever the input asks, so a store id in
 * the input narrows the answer and cannot widen it. Each needs its reason here.
 */
const scopedByContext: Record<string, string> = {
  "segments.count":
    "segment rules may name stores as conditions; counts are limited to ctx.storeScope",
  "segments.preview":
    "segment rules may name stores as conditions; members are limited to ctx.storeScope",
  "segments.explain":
    "segment rules may name stores as conditions; the customer is looked up within ctx.storeScope",
};

type Procedure = { _def: { inputs: unknown[]; type: string } };
const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
const paths = Object.keys(procedures).sort();

type Caller = Awaited<ReturnType<typeof callerFor>>;
type Callable = (input?: unknown) => Promise<unknown>;

function procedureAt(caller: Caller, path: string): Callable {
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  return node as Callable;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `NOT_A_TRPC_ERROR: ${String(error)}`;
  }
}

const refusal = new Set(["UNAUTHORIZED", "FORBIDDEN"]);

/** Procedures whose input names a store (storeId or storeIds anywhere in it). */
function isStoreAware(path: string): boolean {
  const inputs = procedures[path]?._def.inputs ?? [];
  return inputs.some((input) => {
    if (!(input instanceof z.ZodType)) return false;
    const schema = JSON.stringify(z.toJSONSchema(input, { unrepresentable: "any", io: "input" }));
    return /"storeIds?":/.test(schema);
  });
}

describe("the access table", () => {
  it("has a rule for every procedure, and no rule for a procedure that does not exist", () => {
    const missing = paths.filter((path) => !(path in expectedAccess));
    const stale = Object.keys(expectedAccess).filter((path) => !paths.includes(path));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it("has a store-scoping sample for every procedure a store manager may call whose input names a store", () => {
    // Procedures above "store" are refused to store managers outright (checked by the matrix below).
    const storeAware = paths.filter(
      (path) => expectedAccess[path] === "store" && isStoreAware(path),
    );
    expect(
      storeAware.filter((path) => !(path in storeScopedSamples) && !(path in scopedByContext)),
    ).toEqual([]);
  });
});

describe.each(testDrivers())("access matrix on $name", (driver) => {
  let handle: DbHandle;
  const callers = new Map<Role | "signed out", Caller>();
  let own = 0;
  let other = 0;

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_access_matrix");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    own = (await makeStore(db, { name: "Own" })).id;
    other = (await makeStore(db, { name: "Other" })).id;
    // A program that runs in every store, for procedures that read one program.
    const admin = await makeUser(db, { role: "admin" });
    const program = await (
      await callerFor(db, admin.id)
    ).programs.create({
      name: "Everywhere",
      type: "stamp-card",
      config: { stampsRequired: 8, categories: ["coffee"] },
      segmentId: null,
      targetStoreIds: [],
      channels: ["online", "offline"],
      startsAt: null,
      endsAt: null,
      budgetCap: null,
      controlShareBp: 1000,
      messages: [],
    });
    fixtures.programId = program.id;
    callers.set("signed out", await callerFor(db, null));
    for (const role of roles) {
      const user = await makeUser(db, { role, storeId: role === "store_manager" ? own : null });
      callers.set(role, await callerFor(db, user.id));
    }
  });
  afterAll(async () => handle?.close());

  // Called without input: the role check runs before input validation, so an allowed role gets
  // BAD_REQUEST (or a result) and a refused one UNAUTHORIZED/FORBIDDEN, and nothing is changed.
  it.each(paths)("%s allows exactly the roles in the table", async (path) => {
    const level = expectedAccess[path];
    expect(level, `no rule for ${path}`).toBeDefined();
    const seen: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [who, caller] of callers) {
      const code = await codeOf(procedureAt(caller, path)(undefined));
      seen[who] = refusal.has(code) ? "refused" : "allowed";
      expected[who] = level !== undefined && levelAllows(level, who) ? "allowed" : "refused";
    }
    expect(seen).toEqual(expected);
  });

  const storeAware = Object.keys(storeScopedSamples).sort();

  it.each(storeAware)("%s refuses a store manager another store's id", async (path) => {
    const sample = storeScopedSamples[path]!;
    const manager = callers.get("store_manager")!;
    expect(await codeOf(procedureAt(manager, path)(sample(other)))).toBe("FORBIDDEN");
  });

  it.each(storeAware)("%s gives a store manager their own store", async (path) => {
    const sample = storeScopedSamples[path]!;
    const manager = callers.get("store_manager")!;
    expect(await codeOf(procedureAt(manager, path)(sample(own)))).toBe("OK");
  });

  it.each(storeAware)("%s lets an admin ask for any store", async (path) => {
    const sample = storeScopedSamples[path]!;
    const admin = callers.get("admin")!;
    expect(await codeOf(procedureAt(admin, path)(sample(other)))).toBe("OK");
  });
});
