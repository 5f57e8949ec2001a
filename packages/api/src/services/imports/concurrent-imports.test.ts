import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { importLines } from "../../test/import-csv";

const postgres = testDrivers().find((d) => d.name === "postgres");
const now = new Date("2025-07-01T12:00:00Z");
const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";

// PGlite has one connection, so imports there run one after another anyway.
describe.skipIf(postgres === undefined)(
  "two imports started at once on PostgreSQL (set TEST_DATABASE_URL to run)",
  () => {
    let handle: DbHandle;
    let userId: number;
    beforeAll(async () => {
      handle = await openTestDb(postgres!, "concurrent_imports");
      await makeBusiness(handle.db, { currency: "EUR" });
      await makeStore(handle.db, { code: "MIL" });
      userId = (await makeUser(handle.db, { role: "admin" })).id;
      for (let c = 0; c < 50; c++) await makeCustomer(handle.db, { externalId: `K${c}` });
    }, 60_000);
    afterAll(() => handle.close());

    it("run one after the other: the same new orders in both files are imported once", async () => {
      // The same 2,000 orders in both files (a file sent twice at once); each imports whole.
      const lines = [
        header,
        ...Array.from(
          { length: 2000 },
          (_, i) =>
            `SAME-${i},K${i % 50},2025-06-${String(1 + (i % 28)).padStart(2, "0")} 10:00,MIL,A1,Beans,coffee,1,12.50`,
        ),
      ];
      const [first, second] = await Promise.all([
        importLines(handle.db, { userId, kind: "orders", lines, now }),
        importLines(handle.db, { userId, kind: "orders", lines, now }),
      ]);
      expect([first.outcome.ok, second.outcome.ok]).toEqual([true, true]);
      const counts = [first.outcome, second.outcome].map((o) => (o.ok ? o.counts.inserted : -1));
      expect(counts.sort()).toEqual([0, 2000]);
      const [orders] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from orders where external_id like 'SAME-%'`,
      );
      expect(orders!.n).toBe(2000);
    });
  },
);
