import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");
// A shop export names the customer by email only (Shopify: Name is the order number).
const header =
  "Order ID,Email,Created at,Lineitem sku,Lineitem name,Category,Lineitem quantity,Lineitem price";

describe.each(testDrivers())("orders whose customer is given by email on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver, "import_orders_by_email");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "marketer" })).id;
    await handle.db.insert(customers).values([
      { externalId: "C-ANNA", name: "Anna", email: "Anna.Rossi@Example.test", signedUpAt: now },
      { externalId: "C-BO", name: "Bo", email: "bo@example.test", signedUpAt: now },
      // Two customers share one family email.
      { externalId: "C-F1", name: "Fam 1", email: "family@example.test", signedUpAt: now },
      { externalId: "C-F2", name: "Fam 2", email: "family@example.test", signedUpAt: now },
    ]);
  }, 60_000);
  afterAll(() => handle.close());

  const run = (lines: string[]) => importLines(handle.db, { userId, kind: "orders", lines, now });
  const ordersOf = () =>
    queryRows<{ order: string; customer: string }>(
      handle.db,
      sql`select o.external_id as "order", c.external_id as customer from orders o
          join customers c on c.id = o.customer_id order by 1`,
    );

  it("finds each order's customer by email, whatever its case, and a re-import changes nothing", async () => {
    const lines = [
      header,
      "S-1001,anna.rossi@example.test,2025-06-01 10:00,A1,Beans,coffee,2,12.50",
      "S-1001,anna.rossi@example.test,2025-06-01 10:00,B2,Mug,kitchen,1,8.00",
      "S-1002,BO@example.test,2025-06-02 11:00,A1,Beans,coffee,1,12.50",
    ];
    expect((await run(lines)).outcome).toMatchObject({ ok: true, counts: { inserted: 2 } });
    expect(await ordersOf()).toEqual([
      { order: "S-1001", customer: "C-ANNA" },
      { order: "S-1002", customer: "C-BO" },
    ]);
    expect((await run(lines)).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
  });

  it("refuses the file when an email is nobody's or several customers', saying which", async () => {
    const { outcome } = await run([
      header,
      "S-2001,nobody@example.test,2025-06-03 10:00,A1,Beans,coffee,1,12.50",
      "S-2002,family@example.test,2025-06-03 11:00,A1,Beans,coffee,1,12.50",
      "S-2003,bo@example.test,2025-06-03 12:00,A1,Beans,coffee,1,12.50",
    ]);
    expect(outcome).toEqual({
      ok: false,
      rows: 3,
      failed: 2,
      errors: [
        {
          line: 2,
          column: "Customer email",
          message: 'no customer has the email "nobody@example.test"; import customers first',
        },
        {
          line: 3,
          column: "Customer email",
          message:
            '"family@example.test" is the email of 2 customers; give the customer id instead',
        },
      ],
    });
    expect((await ordersOf()).map((o) => o.order)).toEqual(["S-1001", "S-1002"]);
  });

  it("takes the customer id where a row has one, the email only where it has none", async () => {
    const lines = [
      "order_id,customer_id,email,order_date,sku,name,category,qty,price",
      "S-3001,C-F1,family@example.test,2025-06-04 10:00,A1,Beans,coffee,1,12.50",
      "S-3002,,bo@example.test,2025-06-04 11:00,A1,Beans,coffee,1,12.50",
      "S-3003,,,2025-06-04 12:00,A1,Beans,coffee,1,12.50",
    ];
    const refused = await run(lines);
    expect(refused.outcome).toMatchObject({
      ok: false,
      errors: [{ line: 4, column: "Customer id", message: "is required (or Customer email)" }],
    });
    expect((await run(lines.slice(0, 3))).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 2 },
    });
    const placed = await ordersOf();
    expect(placed).toContainEqual({ order: "S-3001", customer: "C-F1" });
    expect(placed).toContainEqual({ order: "S-3002", customer: "C-BO" });
  });

  it("ignores the email of a row that names its customer by id, even one that is no email", async () => {
    const lines = [
      "order_id,customer_id,email,order_date,sku,name,category,qty,price",
      "S-5001,C-BO,n/a,2025-06-06 10:00,A1,Beans,coffee,1,12.50",
    ];
    expect((await run(lines)).outcome).toMatchObject({ ok: true, counts: { inserted: 1 } });
  });

  it.each([
    ["after", ["S-6001,C-BO,,", "S-6001,,family@example.test,"], 3],
    ["before", ["S-6001,,family@example.test,", "S-6001,C-BO,,"], 2],
  ])(
    "reports a row whose email finds nobody once, %s the order's rows with an id",
    async (_, starts, line) => {
      const { outcome } = await run([
        "order_id,customer_id,email,order_date,sku,name,category,qty,price",
        `${starts[0]}2025-06-07 10:00,A1,Beans,coffee,1,12.50`,
        `${starts[1]}2025-06-07 10:00,B2,Mug,kitchen,1,8.00`,
      ]);
      expect(outcome).toMatchObject({
        ok: false,
        failed: 1,
        errors: [
          {
            line,
            column: "Customer email",
            message: expect.stringContaining("is the email of 2 customers"),
          },
        ],
      });
    },
  );
});
