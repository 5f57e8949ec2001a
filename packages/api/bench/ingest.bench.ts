/**
 * `pnpm bench` in packages/api: ingest throughput on PostgreSQL.
 *  - orders/s through the REST handler (API key auth, validation, idempotency, the order, its items,
 *    every program applied through the engine, ledger appended, features refreshed), 8 requests in
 *    flight like a busy till system;
 *  - CSV import rows/s for an orders file (one item per row), streamed from disk.
 * BENCH_DATABASE_URL names a PostgreSQL server; a scratch database is created and dropped on it.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import {
  businessSettings,
  createDb,
  customers,
  enrollments,
  migrate,
  programs,
  programVersions,
  stores,
  users,
} from "@boomerang/db";
import { createApiKey, createRateLimiter } from "../src/services/api-keys";
import { handleIngestRequest } from "../src/services/ingest/rest";
import { createImportJob, guessMapping, runImport } from "../src/services/imports";

const CUSTOMERS = 2_000;
const API_ORDERS = Number(process.env.BENCH_API_ORDERS ?? 5_000);
// Requests in flight for single orders, one run each (8: one busy till system; 64: many tills).
const IN_FLIGHT = (process.env.BENCH_IN_FLIGHT ?? "8,64").split(",").map(Number);
const BATCH_ORDERS = Number(process.env.BENCH_BATCH_ORDERS ?? 20_000);
const BATCH_SIZE = 500;
const BATCHES_IN_FLIGHT = 2;
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 200_000);
// Rows (items) per order in the CSV file: 1 is the worst case per row; the demo data has ~2.6.
const CSV_ITEMS = Number(process.env.BENCH_CSV_ITEMS ?? 1);

async function scratchDatabase(serverUrl: string) {
  const admin = await createDb({ url: serverUrl });
  await admin.db.execute(sql.raw(`drop database if exists bench_ingest with (force)`));
  await admin.db.execute(sql.raw(`create database bench_ingest`));
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = "/bench_ingest";
  const handle = await createDb({ url: url.toString() });
  await migrate(handle);
  if (process.env.BENCH_STATEMENTS)
    await handle.db.execute(sql.raw(`create extension if not exists pg_stat_statements`));
  return handle;
}

export default async function ingestBench(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    console.info("ingest: set BENCH_DATABASE_URL to a PostgreSQL server to run (skipped)");
    return;
  }
  const handle = await scratchDatabase(serverUrl);
  const { db } = handle;
  const now = new Date("2025-07-01T12:00:00Z");
  await db
    .insert(businessSettings)
    .values({ businessName: "Bench", currency: "EUR", timezone: "Europe/Rome" });
  await db.insert(stores).values({
    code: "MIL01",
    name: "Milano",
    city: "Milano",
    region: "Lombardia",
    openedAt: new Date("2020-01-01"),
  });
  const [admin] = await db
    .insert(users)
    .values({ email: "bench@example.test", name: "Bench", passwordHash: "x", role: "admin" })
    .returning();
  const ids = await db
    .insert(customers)
    .values(
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        externalId: `C${i}`,
        name: `Customer ${i}`,
        signedUpAt: new Date("2024-01-01"),
      })),
    )
    .returning({ id: customers.id });
  // Two active programs every customer is in: points with lots and a stamp card.
  for (const [type, config] of [
    ["points", { pendingDays: 0 }],
    ["stamp-card", {}],
  ] as const) {
    const [program] = await db
      .insert(programs)
      .values({ name: type, type, status: "active" })
      .returning();
    await db.insert(programVersions).values({ programId: program!.id, version: 1, config });
    await db.insert(enrollments).values(
      ids.map((c) => ({
        programId: program!.id,
        customerId: c.id,
        isControl: false,
        enrolledAt: new Date("2024-01-01"),
      })),
    );
  }
  const key = await createApiKey(db, admin!.id, { name: "bench", scopes: ["orders:write"] }, now);
  const limiter = createRateLimiter({ capacity: 1e9, refillPerSecond: 1e9 });

  const orderBody = (prefix: string, n: number, since: number) => ({
    externalId: `${prefix}-${n}`,
    customerId: `C${n % CUSTOMERS}`,
    placedAt: new Date(since + n * 1000).toISOString(),
    currency: "EUR",
    channel: "offline",
    storeCode: "MIL01",
    items: [
      { sku: "A1", name: "Beans", category: "coffee", quantity: 1 + (n % 3), unitPrice: 1250 },
    ],
  });
  // Single orders, one request each, so many in flight (tills posting at once); each run posts
  // its own orders, ten days after the run before.
  if (process.env.BENCH_STATEMENTS) await db.execute(sql.raw(`select pg_stat_statements_reset()`));
  for (const [run, inFlight] of IN_FLIGHT.entries()) {
    let next = 0;
    const post = async () => {
      while (next < API_ORDERS) {
        const n = next++;
        const request = new Request("http://bench.local/api/v1/orders", {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
          body: JSON.stringify(orderBody(`API${run}`, n, Date.UTC(2025, 0, 1 + 10 * run))),
        });
        const response = await handleIngestRequest({ db, now, limiter }, request);
        if (response.status !== 201)
          throw new Error(`order ${n}: ${response.status} ${await response.text()}`);
      }
    };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: inFlight }, post));
    const apiSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const apiCpuMs = (cpu.user + cpu.system) / 1000 / API_ORDERS;
    console.info(
      `API orders: ${API_ORDERS} in ${apiSeconds.toFixed(1)} s = ${Math.round(API_ORDERS / apiSeconds)} orders/s (POST /orders, ${inFlight} in flight, 2 programs each); this process's CPU: ${apiCpuMs.toFixed(2)} ms per order`,
    );
  }

  // The same kind of orders through POST /orders/batch, 500 per request (still January: the CSV
  // file's February orders below must stay newer, or the engine would skip them).
  let nextBatch = 0;
  const postBatch = async () => {
    while (nextBatch < BATCH_ORDERS) {
      const from = nextBatch;
      nextBatch += BATCH_SIZE;
      const orders = Array.from({ length: Math.min(BATCH_SIZE, BATCH_ORDERS - from) }, (_, k) =>
        orderBody("BATCH", from + k, Date.UTC(2025, 0, 21)),
      );
      const response = await handleIngestRequest(
        { db, now, limiter },
        new Request("http://bench.local/api/v1/orders/batch", {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ orders }),
        }),
      );
      const answer = (await response.json()) as { posted?: number };
      if (response.status !== 200 || answer.posted !== orders.length)
        throw new Error(
          `batch from ${from}: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`,
        );
    }
  };
  if (BATCH_ORDERS > 0) {
    const batchStarted = performance.now();
    const batchCpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, postBatch));
    const batchSeconds = (performance.now() - batchStarted) / 1000;
    const batchCpu = process.cpuUsage(batchCpuBefore);
    console.info(
      `API order batches: ${BATCH_ORDERS} in ${batchSeconds.toFixed(1)} s = ${Math.round(BATCH_ORDERS / batchSeconds)} orders/s (POST /orders/batch, ${BATCH_SIZE} per request, ${BATCHES_IN_FLIGHT} in flight, 2 programs each); this process's CPU: ${((batchCpu.user + batchCpu.system) / 1000 / BATCH_ORDERS).toFixed(2)} ms per order`,
    );
  }

  const printStatements = async () => {
    if (!process.env.BENCH_STATEMENTS) return;
    const top = (await db.execute(
      sql.raw(
        `select calls, round(total_exec_time)::int as ms, round(mean_exec_time::numeric, 3) as mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as q from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) order by total_exec_time desc limit 25`,
      ),
    )) as unknown as Record<string, unknown>[];
    console.info(top);
  };
  await printStatements();
  const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
  const file = join(dir, "orders.csv");
  const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";
  // Written in blocks: a million-row file is never one string here either.
  const out = createWriteStream(file);
  let block = `${header}\n`;
  for (let i = 0; i < CSV_ROWS; i++) {
    const o = Math.floor(i / CSV_ITEMS);
    block += `CSV-${o},C${o % CUSTOMERS},2025-02-${String(1 + (o % 28)).padStart(2, "0")} 10:00,MIL01,A${i % 50},Item ${i % 50},cat${i % 7},${1 + (i % 3)},${(i % 90) + 1}.50\n`;
    if (block.length > 1 << 20) {
      if (!out.write(block)) await new Promise<void>((resolve) => out.once("drain", resolve));
      block = "";
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end(block, () => resolve()).once("error", reject),
  );
  const jobId = await createImportJob(db, {
    kind: "orders",
    fileName: "orders.csv",
    userId: admin!.id,
    now,
  });
  const phases: string[] = [];
  if (process.env.BENCH_STATEMENTS) await db.execute(sql.raw(`select pg_stat_statements_reset()`));
  const importStarted = performance.now();
  const outcome = await runImport(db, {
    jobId,
    kind: "orders",
    mapping: guessMapping("orders", header.split(",")),
    filePath: file,
    now,
    onPhase: (name, ms) => phases.push(`${name} ${(ms / 1000).toFixed(2)} s`),
  });
  const importSeconds = (performance.now() - importStarted) / 1000;
  if (!outcome.ok) throw new Error(`import failed: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  console.info(
    `CSV import: ${CSV_ROWS} order rows (${CSV_ITEMS} per order) in ${importSeconds.toFixed(1)} s = ${Math.round(CSV_ROWS / importSeconds)} rows/s (features refreshed, programs applied)\n  ${phases.join("; ")}`,
  );
  await printStatements();
  rmSync(dir, { recursive: true, force: true });

  await handle.close();
  // BENCH_KEEP=1 leaves the scratch database for a look at its tables and plans.
  if (process.env.BENCH_KEEP) return;
  const cleanup = await createDb({ url: serverUrl });
  await cleanup.db.execute(sql.raw(`drop database if exists bench_ingest with (force)`));
  await cleanup.close();
}

await ingestBench();
