import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import { callerFor } from "../../test/caller";
import { importLines } from "../../test/import-csv";
import { importStatus } from "./jobs";

const now = new Date("2025-07-01T12:00:00Z");
const withCategory = "order_id,customer_id,order_date,store,sku,name,category,qty,price";
// A shop export carries no category.
const without = "order_id,customer_id,order_date,store,sku,name,qty,price";

describe.each(testDrivers())("orders files without categories on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  const run = (lines: string[]) => importLines(handle.db, { userId, kind: "orders", lines, now });
  const items = (order: string) =>
    queryRows<{ sku: string; category: string }>(
      handle.db,
      sql`select i.sku, i.category from order_items i join orders o on o.id = i.order_id
          where o.external_id = ${order} order by i.sku, i.category`,
    );
  const earned = (order: string) =>
    queryRows<{ amount: number }>(
      handle.db,
      sql`select l.amount::int as amount from ledger_entries l join orders o on o.id = l.order_id
          where o.external_id = ${order} order by l.id`,
    );

  beforeAll(async () => {
    handle = await openTestDb(driver, "import_categories");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "marketer" })).id;
    const anna = await makeCustomer(handle.db, { externalId: "ANNA" });
    // 1 point per 1.00; gift cards earn nothing.
    await enrollInRewards(handle.db, anna.id, { excludedCategories: ["gift-cards"] });
  }, 60_000);
  afterAll(() => handle.close());

  it("items take the category recorded for their SKU, else uncategorised, and a re-import changes nothing", async () => {
    const first = await run([
      withCategory,
      "O-1,ANNA,2025-06-01 10:00,MIL,A1,Espresso beans,coffee,2,12.50",
      "O-1,ANNA,2025-06-01 10:00,MIL,G1,Gift card,gift-cards,1,50.00",
    ]);
    expect(first.outcome).toMatchObject({ ok: true, counts: { inserted: 1 } });
    expect(await earned("O-1")).toEqual([{ amount: 25 }]);
    // The beans are filed under another category from now on.
    await run([withCategory, "O-2,ANNA,2025-06-02 10:00,MIL,A1,Espresso beans,beans,1,12.50"]);

    const shop = [
      without,
      "O-1,ANNA,2025-06-01 10:00,MIL,A1,Espresso beans,2,12.50",
      "O-1,ANNA,2025-06-01 10:00,MIL,G1,Gift card,1,50.00",
      "O-3,ANNA,2025-06-03 10:00,MIL,A1,Espresso beans,1,12.50",
      "O-3,ANNA,2025-06-03 10:00,MIL,G1,Gift card,1,50.00",
      "O-3,ANNA,2025-06-03 10:00,MIL,N9,New tote bag,1,5.00",
    ];
    // The tote bag is new to the business: the one line filed as uncategorised.
    expect((await run(shop)).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 1, updated: 0 },
      uncategorised: 1,
    });
    // O-1 keeps what was stored for it; the new order's known SKUs take their latest category.
    expect(await items("O-1")).toEqual([
      { sku: "A1", category: "coffee" },
      { sku: "G1", category: "gift-cards" },
    ]);
    expect(await items("O-3")).toEqual([
      { sku: "A1", category: "beans" },
      { sku: "G1", category: "gift-cards" },
      { sku: "N9", category: "uncategorised" },
    ]);
    // The gift card is still left out: 12.50 + 5.00 earn 17 points.
    expect(await earned("O-3")).toEqual([{ amount: 17 }]);
    expect((await run(shop)).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
  });

  it("an empty category cell is filled the same way in a file that has the column", async () => {
    const { outcome, jobId } = await run([
      withCategory,
      "O-4,ANNA,2025-06-04 10:00,MIL,G1,Gift card,,1,20.00",
      "O-4,ANNA,2025-06-04 10:00,MIL,Z7,Mystery box,,1,9.00",
    ]);
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 1 }, uncategorised: 1 });
    // The import's history says so too.
    expect(await importStatus(handle.db, jobId, now)).toMatchObject({ itemsUncategorised: 1 });
    expect(await items("O-4")).toEqual([
      { sku: "G1", category: "gift-cards" },
      { sku: "Z7", category: "uncategorised" },
    ]);
  });

  it("the preview says so when no column gives the category, naming the programs that leave categories out", async () => {
    const api = await callerFor(handle.db, userId);
    const sample = `${without}\nO-9,ANNA,2025-06-05 10:00,MIL,A1,Espresso beans,1,12.50\n`;
    const preview = await api.data.preview({ kind: "orders", sample });
    expect(preview.missing).toEqual([]);
    expect(preview.uncategorised).toEqual({
      category: "uncategorised",
      programs: [{ name: "Rewards club", excluded: ["gift-cards"] }],
    });
    const mapped = await api.data.preview({
      kind: "orders",
      sample: `${withCategory}\nO-9,ANNA,2025-06-05 10:00,MIL,A1,Espresso beans,coffee,1,12.50\n`,
    });
    expect(mapped.uncategorised).toBeNull();
    // Another kind of file has no items.
    expect(
      (await api.data.preview({ kind: "customers", sample: "id,name\nC-1,Anna\n" })).uncategorised,
    ).toBeNull();
  });

  it("a SKU an order holds twice under two categories keeps both on a re-import", async () => {
    const lines = (category: (c: string) => string) => [
      category(withCategory),
      category("D-1,ANNA,2025-06-06 10:00,MIL,X1,Sampler,alpha,1,4.00"),
      category("D-1,ANNA,2025-06-06 10:00,MIL,X1,Sampler,beta,1,4.00"),
    ];
    await run(lines((l) => l));
    const stripped = lines((l) => l.replace(/,(category|alpha|beta),/, ","));
    expect(stripped[0]).toBe(without);
    expect((await run(stripped)).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
    expect(await items("D-1")).toEqual([
      { sku: "X1", category: "alpha" },
      { sku: "X1", category: "beta" },
    ]);
  });

  it("a category the file gives a SKU on another row, or one recorded after an uncategorised one, wins over uncategorised", async () => {
    await run([without, "S-1,ANNA,2025-06-07 10:00,MIL,G9,Gift card,1,30.00"]);
    expect(await items("S-1")).toEqual([{ sku: "G9", category: "uncategorised" }]);
    await run([without, "S-2,ANNA,2025-06-08 10:00,MIL,G9,Gift card,1,30.00"]);
    // The business files it, on the first order only.
    await run([withCategory, "S-1,ANNA,2025-06-07 10:00,MIL,G9,Gift card,gift-cards,1,30.00"]);
    await run([without, "S-3,ANNA,2025-06-09 10:00,MIL,G9,Gift card,1,30.00"]);
    expect(await items("S-3")).toEqual([{ sku: "G9", category: "gift-cards" }]);
    // A new SKU filed on one row of the file and left empty on another.
    await run([
      withCategory,
      "S-4,ANNA,2025-06-10 10:00,MIL,NEW1,Voucher,,1,10.00",
      "S-5,ANNA,2025-06-10 11:00,MIL,NEW1,Voucher,gift-cards,1,10.00",
    ]);
    expect(await items("S-4")).toEqual([{ sku: "NEW1", category: "gift-cards" }]);
  });

  it("a file that gives one of two identical lines its category fills the other with the other's", async () => {
    await run([
      withCategory,
      "D-2,ANNA,2025-06-11 10:00,MIL,X2,Sampler,alpha,1,4.00",
      "D-2,ANNA,2025-06-11 10:00,MIL,X2,Sampler,beta,1,4.00",
    ]);
    expect(
      (
        await run([
          withCategory,
          "D-2,ANNA,2025-06-11 10:00,MIL,X2,Sampler,alpha,1,4.00",
          "D-2,ANNA,2025-06-11 10:00,MIL,X2,Sampler,,1,4.00",
        ])
      ).outcome,
    ).toMatchObject({ ok: true, counts: { inserted: 0, updated: 0 } });
    expect(await items("D-2")).toEqual([
      { sku: "X2", category: "alpha" },
      { sku: "X2", category: "beta" },
    ]);
  });
});
