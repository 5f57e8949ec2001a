import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@boomerang/db";
import { openTestDb } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { importLines } from "../../test/import-csv";
import type * as progress from "./progress";
import type { LiveProgress } from "./progress";

// Every progress report the import makes, in order.
const reports = vi.hoisted(() => [] as LiveProgress[]);
vi.mock("./progress", async (original) => {
  const actual = await original<typeof progress>();
  return {
    ...actual,
    setProgress: (jobId: number, progress: LiveProgress) => {
      reports.push(progress);
      actual.setProgress(jobId, progress);
    },
  };
});

describe("an import's progress", () => {
  let handle: DbHandle;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDb({ name: "pglite" }, "import_progress_bad_row");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("keeps moving through the file after a bad row (nothing is staged any more, rows are still read)", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      i === 1 ? `P-${i},Bad Date,,31/02/2025,,no` : `P-${i},Person ${i},,2025-03-01,,no`,
    );
    const { outcome } = await importLines(handle.db, {
      userId,
      kind: "customers",
      lines: ["customer_id,name,email,signup_date,store,email_opt_in", ...rows],
      now: new Date("2025-07-01T12:00:00Z"),
    });
    expect(outcome).toMatchObject({ ok: false });
    const reading = reports.filter((r) => r.phase === "reading").map((r) => r.rowsRead);
    expect(reading.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...reading)).toBeGreaterThanOrEqual(15_000);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
  });
});
