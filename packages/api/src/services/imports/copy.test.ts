import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { copyBlocks, copyClient, copyLine, copyRows } from "./copy";

/**
 * COPY FROM STDIN is the import's path into the staging table and the ledger on PostgreSQL. A COPY
 * the server refuses after the last row was sent (a constraint, or a statement trigger such as the
 * ledger's foreign-key checks) must fail the import's transaction with the server's error: postgres.js
 * 3.4.9 never settled the stream then (porsager/postgres#1173), so the import hung holding its locks.
 * patches/postgres@3.4.9.patch settles it with the error (the fix of porsager/postgres#1183).
 */
// Skipped (not an empty .each, which vitest reports as a file without tests) without PostgreSQL.
const postgres = testDrivers().find((d) => d.name === "postgres");

describe.skipIf(postgres === undefined)("COPY into a table on postgres", () => {
  const driver = postgres!;
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "import_copy");
    await handle.db.execute(sql`create table copy_target (a int not null check (a > 0))`);
  }, 60_000);
  afterAll(() => handle.close());

  const copyInTransaction = (values: number[]) =>
    handle.db.transaction(async (t) => {
      const tx = t as unknown as Database;
      const client = copyClient(tx);
      expect(client).not.toBeNull();
      await copyBlocks(client!, "copy copy_target (a) from stdin", [
        values.map((v) => copyLine([v])).join(""),
      ]);
    });
  const rows = async () =>
    (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from copy_target`))[0]!
      .n;

  it("copies every row of an accepted COPY", async () => {
    await copyInTransaction([1, 2, 3]);
    expect(await rows()).toBe(3);
  });

  it("a COPY refused at its end rejects with the server's error and rolls the transaction back", async () => {
    await expect(copyInTransaction([4, 5, -1])).rejects.toThrow(/violates check constraint/);
    expect(await rows()).toBe(3);
    // The connection is back in the pool and usable (not left idle in an aborted transaction).
    await copyInTransaction([6]);
    expect(await rows()).toBe(4);
  }, 20_000);

  it("a row that cannot be written abandons the COPY: the error surfaces and nothing is kept", async () => {
    const many = Array.from({ length: 5000 }, (_, i) => i + 1);
    const failing = handle.db.transaction(async (t) => {
      const client = copyClient(t as unknown as Database)!;
      // Past the first block (2,000 rows), so the server has taken rows when the COPY is dropped.
      await copyRows(client, "copy copy_target (a) from stdin", many, (a) => {
        if (a === 4321) throw new RangeError("Invalid time value");
        return copyLine([a]);
      });
    });
    await expect(failing).rejects.toThrow(/Invalid time value/);
    expect(await rows()).toBe(4);
    await copyInTransaction([7]);
    expect(await rows()).toBe(5);
  }, 20_000);
});
