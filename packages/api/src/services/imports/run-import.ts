import { createReadStream, type ReadStream } from "node:fs";
import type { Readable, Transform } from "node:stream";
import iconv from "iconv-lite";
import { stat } from "node:fs/promises";
import { eq, sql } from "drizzle-orm";
import {
  importJobs,
  refreshCustomerActivity,
  type Database,
  type ImportRowError,
} from "@boomerang/db";
import { getBusinessProfile } from "../settings";
import {
  applyStaged,
  stagedCustomers,
  stagedOrderCustomers,
  type ApplyCounts,
} from "./apply-staged";
import { enrollNewCustomers } from "../programs/enroll-new-customers";
import { applyProgramsToImportedEvents, applyProgramsToImportedOrders } from "./apply-programs";
import { fillCategories } from "./categories";
import { checkStaged, resolveCustomerEmails } from "./checks";
import { failImportJobs } from "./fail-jobs";
import { copyClient } from "./copy";
import { importFields } from "./columns";
import { csvBatches } from "./csv-rows";
import { localeDateOrder, type DateOrder } from "./cells";
import type { ColumnMapping, FileEncoding, ImportKind } from "./import-kind";
import { clearProgress, persistProgress, setProgress } from "./progress";
import { RowReader, type RowValue } from "./read-row";
import { createStaging, StagingWriter } from "./staging";
import { CLOCK_SKEW_MS } from "../ingest/when";

const BATCH = 5000;
/** The advisory lock that runs imports one after another (other locks: 7431001, 7431002, 7431010). */
const IMPORT_LOCK = 7431020;
/** More than this many problems and the report stops listing them (the count stays exact). */
export const MAX_REPORTED_ERRORS = 1000;

/**
 * The file's bytes as text in its encoding, a character split between two reads kept whole. UTF-8
 * goes through the stream's own decoder (the fastest); Windows-1252 through iconv-lite (Node 20's
 * TextDecoder reads it as Latin-1: "€" and the curly quotes would be lost).
 */
function decodedText(file: ReadStream, encoding: FileEncoding): Readable {
  if (encoding === "utf-8") return file.setEncoding("utf8");
  // A Transform (iconv-lite's types say only ReadWriteStream).
  const decoder = iconv.decodeStream(encoding) as Transform;
  file.on("error", (error) => decoder.destroy(error));
  return file.pipe(decoder);
}

export type ImportOutcome =
  | { ok: true; rows: number; counts: ApplyCounts; uncategorised: number }
  | { ok: false; rows: number; failed: number; errors: ImportRowError[] };

/** Thrown inside the transaction so a file with any bad row changes nothing. */
class RowsRejected extends Error {
  constructor(
    readonly rows: number,
    readonly failed: number,
    readonly errors: ImportRowError[],
  ) {
    super("the file has bad rows");
  }
}

export type RunImportOptions = {
  jobId: number;
  kind: ImportKind;
  mapping: ColumnMapping;
  /** How the file writes dates like 06/07/2025; the business locale's order when not given. */
  dateOrder?: DateOrder;
  /** UTF-8 unless said (the browser tells a Windows-1252 file by its bytes). */
  encoding?: FileEncoding;
  filePath: string;
  now: Date;
  /** Called as each phase ends with its wall time in ms (the benchmark's profile). */
  onPhase?: (phase: string, ms: number) => void;
  /** Orders per round of the program step (default 50,000); tests make it small to get several. */
  roundOrders?: number;
};

/**
 * Imports a CSV file all or nothing: rows are read as a stream, checked one by one, staged in a
 * temporary table, checked against the database, then upserted by external id, all in one
 * transaction together with the refresh of the affected customers' features. Any bad row rolls
 * everything back and the job keeps the report of every problem (line, column, what is wrong).
 */
export async function runImport(db: Database, options: RunImportOptions): Promise<ImportOutcome> {
  const { jobId, kind, mapping } = options;
  const fields = importFields[kind];
  let rows = 0;
  let mark = performance.now();
  const phase = (name: string) => {
    const at = performance.now();
    options.onPhase?.(name, at - mark);
    mark = at;
  };
  // The job's end: its start (the request's time) plus how long it ran.
  const started = performance.now();
  const finishedAt = () => new Date(options.now.getTime() + (performance.now() - started));
  await db.update(importJobs).set({ status: "running" }).where(eq(importJobs.id, jobId));
  const persist = persistProgress(db, jobId);
  try {
    // Inside the try: a failure here (the file gone, the settings unreadable) fails the job too.
    const business = await getBusinessProfile(db);
    const ctx = {
      timeZone: business.timezone,
      currency: business.currency,
      dateOrder: options.dateOrder ?? localeDateOrder(business.locale),
      latest: new Date(options.now.getTime() + CLOCK_SKEW_MS),
    };
    const bytesTotal = (await stat(options.filePath)).size;
    const outcome = await db.transaction(async (t) => {
      const tx = t as unknown as Database;
      // A million-row file's group-bys, joins and sorts over the staged rows stay in memory instead
      // of spilling to disk in work_mem's default 4 MB (PostgreSQL; PGlite's memory is small). The
      // members' states the program step saves (tens of kB for a customer with many recent orders)
      // are compressed with lz4 where the server has it: 2-3x faster to write than the default pglz.
      if (copyClient(tx) !== null)
        await tx.execute(
          sql`select set_config('work_mem', '256MB', true),
                     (select set_config('default_toast_compression', 'lz4', true) from pg_settings
                      where name = 'default_toast_compression' and 'lz4' = any(enumvals))`,
        );
      // One import at a time: a second waits here for the first to commit or roll back, then
      // sees its rows (two order files inserting the same new order would otherwise collide on
      // its external id; both would wait on each other's customers' locks).
      setProgress(jobId, { bytesRead: 0, bytesTotal, rowsRead: 0, phase: "waiting" });
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      await createStaging(tx, fields);
      const file = createReadStream(options.filePath);
      const text = decodedText(file, options.encoding ?? "utf-8");
      const errors: ImportRowError[] = [];
      let failed = 0;
      let batch: { line: number; values: RowValue[] }[] = [];
      let line = 0;
      let reported = 0;
      const staging = new StagingWriter(tx, fields);
      const reader = new RowReader(fields, mapping, ctx);
      const categoryAt = fields.findIndex((f) => f.key === "category");
      let uncategorised = false;
      let filedUncategorised = 0;
      try {
        for await (const records of csvBatches(text)) {
          for (const record of records) {
            line++;
            if (line === 1) continue; // the header
            rows++;
            const row = reader.read(record, line);
            if (row.errors.length > 0) {
              failed++;
              if (errors.length < MAX_REPORTED_ERRORS)
                errors.push(...row.errors.slice(0, MAX_REPORTED_ERRORS - errors.length));
              continue;
            }
            // Good rows are staged even after a bad one: nothing will be saved then, but the
            // database checks still tell of unknown customers and stores in the same report.
            if (categoryAt >= 0 && row.values[categoryAt] === null) uncategorised = true;
            batch.push({ line, values: row.values });
          }
          if (batch.length >= BATCH) {
            await staging.add(batch);
            batch = [];
          }
          // Progress by rows read, not rows staged: after a bad row nothing is staged any more,
          // and the bar must still move while the rest of the file is checked.
          if (rows - reported >= BATCH) {
            reported = rows;
            setProgress(jobId, {
              bytesRead: file.bytesRead,
              bytesTotal,
              rowsRead: rows,
              phase: "reading",
            });
            persist(rows);
          }
        }
        await staging.add(batch);
      } finally {
        // The connection takes no other statement while a COPY is open.
        await staging.finish();
      }
      // Orders whose customer is given by email get the customer's id before anything is checked.
      if (kind === "orders")
        await resolveCustomerEmails(tx, (mapping.customerEmail ?? null) !== null);
      if (failed > 0) {
        // The checks of single rows against the database only: an order's totals and agreement
        // would be judged without its bad rows.
        const unknown = await checkStaged(tx, kind, MAX_REPORTED_ERRORS, { rowsOnly: true });
        const all = [...errors, ...unknown].sort((a, b) => a.line - b.line);
        const badLines = failed + new Set(unknown.map((p) => p.line)).size;
        throw new RowsRejected(rows, badLines, all.slice(0, MAX_REPORTED_ERRORS));
      }
      // Items without a category get the one recorded before for their SKU, before any grouping.
      if (uncategorised) filedUncategorised = await fillCategories(tx);
      phase("read, parse, check cells, stage");
      setProgress(jobId, { bytesRead: bytesTotal, bytesTotal, rowsRead: rows, phase: "checking" });
      const problems = await checkStaged(tx, kind, MAX_REPORTED_ERRORS);
      if (problems.length > 0)
        throw new RowsRejected(rows, new Set(problems.map((p) => p.line)).size, problems);
      phase("database checks");
      setProgress(jobId, { bytesRead: bytesTotal, bytesTotal, rowsRead: rows, phase: "saving" });
      const mapped = new Set(
        Object.entries(mapping)
          .filter(([, column]) => column !== null)
          .map(([key]) => key),
      );
      const counts = await applyStaged(tx, kind, mapped, {
        now: options.now,
        currency: business.currency,
      });
      phase("upsert");
      if (kind === "orders") {
        const touched = await stagedOrderCustomers(tx);
        await refreshCustomerActivity(tx, touched, options.now);
        phase("features refresh");
        // New and changed customers join the running programs whose target they now match.
        await enrollNewCustomers(tx, touched, options.now);
        phase("enrollment");
        // New orders earn in the programs their customers are in, as if posted to the API; edited
        // orders take back what their earlier version earned and earn on the new figures.
        setProgress(jobId, {
          bytesRead: bytesTotal,
          bytesTotal,
          rowsRead: rows,
          phase: "programs",
        });
        await applyProgramsToImportedOrders(tx, { jobId, roundOrders: options.roundOrders });
        phase("programs");
      }
      if (kind === "customers")
        await enrollNewCustomers(tx, await stagedCustomers(tx), options.now);
      // Referrals earn for both customers, as if posted to the API.
      if (kind === "events") await applyProgramsToImportedEvents(tx);
      return { ok: true as const, rows, counts, uncategorised: filedUncategorised };
    });
    await db
      .update(importJobs)
      .set({
        status: "succeeded",
        rowsTotal: rows,
        rowsProcessed: rows,
        rowsInserted: outcome.counts.inserted,
        rowsUpdated: outcome.counts.updated,
        itemsUncategorised: outcome.uncategorised,
        finishedAt: finishedAt(),
      })
      .where(eq(importJobs.id, jobId));
    return outcome;
  } catch (error) {
    if (!(error instanceof RowsRejected)) {
      await failImportJobs(
        db,
        [jobId],
        "the import stopped on an unexpected error; nothing was changed",
        finishedAt(),
        rows,
      );
      throw error;
    }
    await db
      .update(importJobs)
      .set({
        status: "failed",
        rowsTotal: error.rows,
        rowsProcessed: error.rows,
        rowsFailed: error.failed,
        errors: error.errors,
        finishedAt: finishedAt(),
      })
      .where(eq(importJobs.id, jobId));
    return { ok: false, rows: error.rows, failed: error.failed, errors: error.errors };
  } finally {
    clearProgress(jobId);
  }
}
