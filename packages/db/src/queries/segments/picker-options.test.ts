import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../client";
import { orderItems, orders } from "../../schema";
import { makeCustomer, makeOrder } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { segmentPickerOptions } from "./picker-options";

describe.each(testDrivers())("segment picker options on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "segments_picker_options");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("offers every category bought, once each and sorted, and drops one nobody bought any more", async () => {
    const { db } = handle;
    expect((await segmentPickerOptions(db)).categories).toEqual([]);
    const anna = await makeCustomer(db, { city: "Milano" });
    const bruno = await makeCustomer(db, { city: "Roma" });
    const line = (orderId: number, category: string) => ({
      orderId,
      sku: `S-${category}`,
      name: category,
      category,
      quantity: 1,
      unitPrice: 500,
    });
    const first = await makeOrder(db, { customerId: anna.id, placedAt: new Date("2026-01-02") });
    const second = await makeOrder(db, { customerId: bruno.id, placedAt: new Date("2026-01-03") });
    await db.insert(orderItems).values([line(first.id, "wine"), line(first.id, "bakery")]);
    await db.insert(orderItems).values([line(second.id, "wine"), line(second.id, "Zucchero")]);

    const options = await segmentPickerOptions(db);
    expect(options.categories).toEqual(["Zucchero", "bakery", "wine"]);
    expect(options.cities).toEqual(["Milano", "Roma"]);

    await db.delete(orders).where(eq(orders.id, second.id));
    expect((await segmentPickerOptions(db)).categories).toEqual(["bakery", "wine"]);
  });
});
