import { and, eq, sql } from "drizzle-orm";
import type { Database, DbHandle } from "../client";
import { rebuildCustomerFeatures, refreshAllStoreKpiMonths, refreshPredictions } from "../features";
import { rebuildSegmentWindowTables } from "../queries/segments/customer-categories";
import { scoreCustomerRfm } from "../features/rfm";
import { auditLog, businessSettings, programs, programVersions, stores, users } from "../schema";
import { copySink } from "./copy-sink";
import { hasData, syncSequences, truncateAll } from "./database-state";
import { demoMarketerId, demoPrograms, type DemoProgram } from "./demo-programs";
import { demoUserRows } from "./demo-user-rows";
import { generateCustomers, storeRows, type GenerateOptions } from "./generator";
import { insertSink } from "./insert-sink";
import { pgliteCopySink } from "./pglite-copy-sink";
import type { RowSink, SeedCounts, SeedProgress } from "./sink";

export type SeedOptions = {
  /** The demo's "now"; pass it explicitly (the CLI uses the start of the current UTC day). */
  asOf: Date;
  seed?: number;
  customers?: number;
  months?: number;
  /** Empty every table first; without it a non-empty database is refused. */
  reset?: boolean;
  /** "copy" (default): COPY FROM STDIN on PostgreSQL, COPY from a blob on PGlite; "insert": batched INSERTs. */
  loader?: "copy" | "insert";
  onProgress?: SeedProgress;
  /**
   * The demo login with this id and email (if there is one) gets this session key as it is
   * inserted, so the admin whose session started a reset stays signed in through it.
   */
  keepSession?: { userId: number; email: string; sessionKey: string };
};

export type SeedSummary = {
  counts: SeedCounts;
  options: GenerateOptions;
  loader: "insert" | "copy";
  durationMs: number;
};

export const DEMO_BUSINESS_NAME = "Boomerang Demo Market";

const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** What the designer's audit trail would hold for a program: created, activated, ended. */
function programAudit(p: DemoProgram): (typeof auditLog.$inferInsert)[] {
  const entry = (action: string, ms: number, changes: Record<string, unknown>) => ({
    actorId: demoMarketerId,
    action,
    entityType: "program",
    entityId: String(p.id),
    changes,
    at: new Date(ms),
  });
  const rows = [entry("program.created", p.createdAt, { after: { name: p.name, type: p.type } })];
  if (p.activatedAt !== null)
    rows.push(
      entry("program.activated", p.activatedAt, { status: { from: "draft", to: "active" } }),
    );
  if (p.endedAt !== null)
    rows.push(entry("program.ended", p.endedAt, { status: { from: "active", to: "ended" } }));
  return rows;
}

export class SeedRefusedError extends Error {
  override name = "SeedRefusedError";
}

/**
 * Loads the demo chain into a migrated database: stores, one user per role, the generated
 * customers with orders, items and events, then business_settings (last, so a seed that failed
 * half-way is not mistaken for a finished one), sequences and statistics.
 */
export async function seedDemo(handle: DbHandle, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const generate: GenerateOptions = {
    seed: options.seed ?? 42,
    customers: options.customers ?? 20_000,
    months: options.months ?? 24,
    asOf: options.asOf,
  };
  if (!Number.isInteger(generate.customers) || generate.customers < 1)
    throw new RangeError("customers must be a positive integer");
  if (!Number.isInteger(generate.months) || generate.months < 1)
    throw new RangeError("months must be a positive integer");
  const { db } = handle;
  if (options.reset) {
    progress("reset: truncating all tables");
    await truncateAll(db);
  } else if (await hasData(db)) {
    throw new SeedRefusedError("The database already has data; seed with --reset to replace it.");
  }
  const loader = options.loader ?? "copy";

  const storeList = storeRows(generate);
  const userList = await demoUserRows(generate.asOf);
  const programList = demoPrograms(generate.asOf.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(stores).values(
      storeList.map((s) => ({
        ...s,
        openedAt: new Date(s.openedAt),
        createdAt: new Date(s.openedAt),
      })),
    );
    await tx.insert(users).values(userList);
    const keep = options.keepSession;
    if (keep) {
      await tx
        .update(users)
        .set({ sessionKey: keep.sessionKey })
        .where(and(eq(users.id, keep.userId), eq(users.email, keep.email)));
    }
    // Programs before customers: enrollments and ledger entries stream in with each customer.
    await tx.insert(programs).values(
      programList.map((p) => ({
        id: p.id,
        name: p.name,
        type: p.type,
        status: p.status,
        revision: p.revision,
        currentVersion: 1,
        segmentId: null,
        storeIds: p.storeIds,
        channels: ["online" as const, "offline" as const],
        startsAt: at(p.startsAt),
        endsAt: at(p.endsAt),
        budgetCap: null,
        controlShareBp: p.controlShareBp,
        messages: p.messages,
        createdBy: demoMarketerId,
        createdAt: new Date(p.createdAt),
        updatedAt: new Date(Math.max(p.createdAt, p.activatedAt ?? 0, p.endedAt ?? 0)),
        activatedAt: at(p.activatedAt),
        endedAt: at(p.endedAt),
      })),
    );
    await tx.insert(programVersions).values(
      programList.map((p) => ({
        programId: p.id,
        version: 1,
        config: p.config,
        createdBy: demoMarketerId,
        createdAt: new Date(p.createdAt),
      })),
    );
    await tx.insert(auditLog).values(programList.flatMap(programAudit));
  });
  progress(`stores ${storeList.length}, users ${userList.length}, programs ${programList.length}`);

  const counts: SeedCounts = {
    stores: storeList.length,
    users: userList.length,
    customers: 0,
    orders: 0,
    orderItems: 0,
    customerEvents: 0,
    programs: programList.length,
    enrollments: 0,
    ledgerEntries: 0,
  };
  const sink: RowSink =
    loader === "insert"
      ? insertSink(db)
      : handle.driver === "postgres"
        ? copySink(handle)
        : pgliteCopySink(handle);
  const every = Math.max(1000, Math.ceil(generate.customers / 20));
  const report = (): void =>
    progress(
      `customers ${counts.customers}/${generate.customers} (orders ${counts.orders}, items ${counts.orderItems}, events ${counts.customerEvents}, enrollments ${counts.enrollments}, ledger ${counts.ledgerEntries})`,
    );
  for (const bundle of generateCustomers(generate)) {
    await sink.write(bundle);
    counts.customers++;
    counts.orders += bundle.orders.length;
    counts.orderItems += bundle.items.length;
    counts.customerEvents += bundle.events.length;
    counts.enrollments += bundle.enrollments.length;
    counts.ledgerEntries += bundle.ledger.length;
    if (counts.customers % every === 0) report();
  }
  await sink.finish();
  if (counts.customers % every !== 0) report();

  await syncSequences(db);
  progress("customer features");
  // Settings and features together: the features' calendar periods follow the business's time zone.
  await db.transaction(async (tx) => {
    await tx.insert(businessSettings).values({
      id: 1,
      businessName: DEMO_BUSINESS_NAME,
      currency: "EUR",
      locale: "en-GB",
      timezone: "Europe/Rome",
      demoData: true,
      demoAsOf: generate.asOf,
    });
    await rebuildCustomerFeatures(tx as unknown as Database, generate.asOf);
    await scoreCustomerRfm(tx as unknown as Database, generate.asOf);
    // Predicted value (BG/NBD + Gamma-Gamma) feeds segments and the retention page from the first start.
    await refreshPredictions(tx as unknown as Database, generate.asOf);
    // The loaders skip triggers, so the segment window tables they keep are filled here, in the
    // transaction that marks the database as seeded: a seed stopped before the end leaves no
    // business settings, never a "seeded" database whose window tables are empty.
    progress("segment window tables");
    await rebuildSegmentWindowTables(tx as unknown as Database);
  });
  progress("analyze");
  await db.execute(sql`analyze`);
  await refreshAllStoreKpiMonths(db); // the stores page's per-month KPI cache, after statistics
  return { counts, options: generate, loader, durationMs: Math.round(performance.now() - started) };
}
