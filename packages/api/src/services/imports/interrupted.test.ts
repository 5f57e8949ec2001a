import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importJobs, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeUser } from "@boomerang/db/testing/factories";
import { createImportJob, importStatus, listImports, runImport } from ".";
import { INTERRUPTED_MESSAGE, persistProgress } from "./progress";
import { startImport, UPLOAD_INTERRUPTED } from "./start-import";
import { importFilePath } from "./upload-file";

const now = new Date("2025-07-01T12:00:00Z");

describe.each(testDrivers())("import progress kept in the database on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver, "import_interrupted");
    await makeBusiness(handle.db, {});
    userId = (await makeUser(handle.db, { role: "admin" })).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("marks imports a stopped server left running as failed; its own running import is untouched", async () => {
    // Left over by a previous server process: never claimed by this one.
    const [leftOver] = await handle.db
      .insert(importJobs)
      .values({ kind: "orders", fileName: "old.csv", status: "running", createdBy: userId })
      .returning();
    const running = await createImportJob(handle.db, {
      kind: "orders",
      fileName: "now.csv",
      userId,
      now,
    });
    await handle.db
      .update(importJobs)
      .set({ status: "running", rowsProcessed: 1234 })
      .where(eq(importJobs.id, running));

    // Its upload, still on disk.
    const leftFile = importFilePath(leftOver!.id);
    await mkdir(dirname(leftFile), { recursive: true });
    await writeFile(leftFile, "customer_id,name\n");

    const history = await listImports(handle.db, now);
    expect(existsSync(leftFile)).toBe(false);
    expect(history.find((j) => j.id === leftOver!.id)).toMatchObject({ status: "failed" });
    const failed = await importStatus(handle.db, leftOver!.id, now);
    expect(failed.errors).toEqual([{ line: 0, column: "", message: INTERRUPTED_MESSAGE }]);
    expect(failed.finishedAt?.toISOString()).toBe(now.toISOString());

    // Not live in this process's memory: the rows read come from the job row.
    const mine = await importStatus(handle.db, running, now);
    expect(mine).toMatchObject({ status: "running", progress: { rowsRead: 1234 } });
  });

  it("an upload that stops midway fails its job at once, keeps no half file and says to choose the file again", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new TextEncoder().encode("customer_id,name\nC-1,An"));
        else controller.error(new Error("connection reset"));
      },
    });
    const started = startImport(
      handle.db,
      { kind: "customers", fileName: "cut.csv", mapping: { externalId: 0, name: 1 } },
      { userId, now, body },
      () => undefined,
    );
    await expect(started).rejects.toThrow(
      "The file did not arrive whole (connection reset); nothing was imported. Choose the file again.",
    );
    const [job] = await handle.db
      .select()
      .from(importJobs)
      .where(eq(importJobs.fileName, "cut.csv"));
    expect(job).toMatchObject({
      status: "failed",
      errors: [{ line: 0, column: "", message: UPLOAD_INTERRUPTED }],
    });
    expect(existsSync(importFilePath(job!.id))).toBe(false);
  });

  it("writes the rows read while the job runs, never over a finished job's counts", async () => {
    const jobId = await createImportJob(handle.db, {
      kind: "customers",
      fileName: "c.csv",
      userId,
      now,
    });
    await handle.db.update(importJobs).set({ status: "running" }).where(eq(importJobs.id, jobId));
    persistProgress(handle.db, jobId)(5000);
    await expect
      .poll(async () => (await importStatus(handle.db, jobId, now)).rowsProcessed)
      .toBe(5000);
    await handle.db
      .update(importJobs)
      .set({ status: "succeeded", rowsProcessed: 7000 })
      .where(eq(importJobs.id, jobId));
    persistProgress(handle.db, jobId)(6000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await importStatus(handle.db, jobId, now)).rowsProcessed).toBe(7000);
  });

  it("fails the job, not leaves it pending, when the import cannot even start (its file gone)", async () => {
    const jobId = await createImportJob(handle.db, {
      kind: "customers",
      fileName: "gone.csv",
      userId,
      now,
    });
    await expect(
      runImport(handle.db, {
        jobId,
        kind: "customers",
        mapping: { externalId: 0, name: 1 },
        filePath: importFilePath(jobId),
        now,
      }),
    ).rejects.toThrow(/ENOENT/);
    expect(await importStatus(handle.db, jobId, now)).toMatchObject({
      status: "failed",
      errors: [
        {
          line: 0,
          column: "",
          message: "the import stopped on an unexpected error; nothing was changed",
        },
      ],
    });
  });
});
