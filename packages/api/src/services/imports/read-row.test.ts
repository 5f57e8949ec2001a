import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseOrderLines } from "./apply-programs";
import { guessMapping, importFields, unmappedRequired } from "./columns";
import { copyLine, copyRow } from "./copy";
import { csvRecords } from "./csv-rows";
import { readRow, RowReader } from "./read-row";

const ctx = { timeZone: "Europe/Rome", currency: "EUR" };
const header = [
  "order_id",
  "customer_id",
  "order_date",
  "store",
  "sku",
  "name",
  "category",
  "qty",
  "price",
  "discount",
];
const fields = importFields.orders;
const mapping = guessMapping("orders", header);

// Cells drawn from small pools, so rows repeat texts (as an order's lines do) and some are bad.
const cell = (pool: string[]) => fc.constantFrom(...pool);
const row = fc.tuple(
  cell(["O-1", "O-2", ""]),
  cell(["C-1", "C-2"]),
  cell(["2025-06-01 10:00", "01/06/2025", "2025-06-31", "yesterday", "2025-03-30 02:30", ""]),
  cell(["MIL", ""]),
  cell(["A1", "B2", "x".repeat(201)]),
  cell(["Espresso", "Mug"]),
  cell(["coffee", "kit\u001fchen"]),
  cell(["1", "2", "0", "two", ""]),
  cell(["12.50", "1.234,50", "€ 3", "abc", "-1"]),
  cell(["", "1.00", "x"]),
);

describe("reading rows", () => {
  it("a reader that remembers recent texts reads every row exactly as a fresh read does", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        const reader = new RowReader(fields, mapping, ctx);
        rows.forEach((cells, i) => {
          const line = i + 2;
          expect(reader.read(cells, line)).toEqual(readRow(fields, mapping, cells, line, ctx));
        });
      }),
    );
  });

  it("refuses a sale dated after the import's latest instant, saying so, and takes one before it", () => {
    const latest = {
      ...ctx,
      dateOrder: "day-first" as const,
      latest: new Date("2025-07-01T12:10:00Z"),
    };
    const cells = (date: string) => [
      "O-1",
      "C-1",
      date,
      "MIL",
      "A1",
      "Espresso",
      "coffee",
      "1",
      "12.50",
      "",
    ];
    const future = readRow(fields, mapping, cells("31/12/2027 09:00"), 2, latest);
    expect(future.errors).toEqual([
      {
        line: 2,
        column: "Placed at",
        message: expect.stringContaining("is in the future (after 2025-07-01 12:10 UTC)"),
      },
    ]);
    expect(readRow(fields, mapping, cells("01/07/2025 14:05"), 2, latest).errors).toEqual([]);
    // The reader that remembers texts says the same for a repeated future date.
    const reader = new RowReader(fields, mapping, latest);
    reader.read(cells("31/12/2027 09:00"), 2);
    expect(reader.read(cells("31/12/2027 09:00"), 3).errors).toHaveLength(1);
  });

  it("a staged row's COPY text is its line number followed by its values", () => {
    const at = new Date("2025-06-01T08:00:00.000Z");
    const values = ["O-1", null, at, 1250, true, "tab\there"];
    expect(copyRow(7, values)).toBe(copyLine([7, ...values]));
    expect(copyRow(7, values)).toBe("7\tO-1\t\\N\t2025-06-01T08:00:00.000Z\t1250\tt\ttab\\there\n");
    // The same instant twice (an order's lines share one) and then another one.
    const later = new Date("2025-06-02T08:00:00.000Z");
    expect(copyLine([at, at, later])).toBe(
      "2025-06-01T08:00:00.000Z\t2025-06-01T08:00:00.000Z\t2025-06-02T08:00:00.000Z\n",
    );
  });

  it("skips blank lines and lines of empty cells, keeps lines with any content", async () => {
    const text = "a,b\n\n  \n,,\n , \n1,2\n,x\n";
    const records: string[][] = [];
    for await (const record of csvRecords(Readable.from([text]))) records.push(record);
    expect(records).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["", "x"],
    ]);
  });

  it("guesses a semicolon delimiter past blank lines, as the preview does", async () => {
    const text = [
      "order_id;customer_id;order_date;sku;name;category;qty;price",
      "",
      "O-1;C-1;01/06/2025 10:00;A1;Beans, dark roast, 1kg;coffee;1;12.50",
      "O-2;C-2;02/06/2025 11:00;B2;Mug, white, 300ml;kitchen;2;4.00",
    ].join("\n");
    const records: string[][] = [];
    for await (const record of csvRecords(Readable.from([text]))) records.push(record);
    expect(records.map((r) => r.length)).toEqual([8, 8, 8]);
    expect(records[1]![4]).toBe("Beans, dark roast, 1kg");
  });

  it("an order's line list gives back each line's sku, category, quantity and price", () => {
    const list = [
      'A,1\u001fcoffee "dark"\u001f2\u001f1250',
      "☕ mug\u001fkitchen\u001f1\u001f800",
    ].join("\u001e");
    expect(parseOrderLines(list)).toEqual([
      { sku: "A,1", category: 'coffee "dark"', quantity: 2, unitPrice: 1250 },
      { sku: "☕ mug", category: "kitchen", quantity: 1, unitPrice: 800 },
    ]);
  });
});

describe("guessMapping", () => {
  it("recognises a shop platform's order export (Shopify's line-item headers)", () => {
    const header = [
      "Name",
      "Email",
      "Created at",
      "Discount Amount",
      "Lineitem quantity",
      "Lineitem name",
      "Lineitem price",
      "Lineitem sku",
      "Location",
      "Currency",
    ];
    const mapping = guessMapping("orders", header);
    expect(mapping).toMatchObject({
      orderId: 0,
      customerId: null,
      customerEmail: 1,
      placedAt: 2,
      discount: 3,
      quantity: 4,
      itemName: 5,
      unitPrice: 6,
      sku: 7,
      storeCode: 8,
      currency: 9,
    });
  });

  it("takes a plain Name column for the item, not the order, in a file without line-item headers", () => {
    const mapping = guessMapping("orders", ["Receipt", "Date", "Name", "Qty", "Price"]);
    expect(mapping).toMatchObject({ orderId: 0, itemName: 2 });
    expect(guessMapping("orders", ["Date", "Name"])).toMatchObject({ orderId: null, itemName: 1 });
  });

  it("recognises a customers export's consent and address columns", () => {
    const mapping = guessMapping("customers", [
      "Customer ID",
      "Full Name",
      "Email Address",
      "Accepts Email Marketing",
      "Accepts SMS Marketing",
      "Default Address City",
      "Phone",
    ]);
    expect(mapping).toMatchObject({
      externalId: 0,
      name: 1,
      email: 2,
      consentEmail: 3,
      consentSms: 4,
      city: 5,
      phone: 6,
    });
  });
});

describe("a name split into first and last name columns", () => {
  const customerFields = importFields.customers;
  const shopHeader = ["Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing"];
  const shopMapping = guessMapping("customers", shopHeader);
  const nameOf = (cells: string[], map = shopMapping) => {
    const read = readRow(customerFields, map, cells, 2, ctx);
    return read.errors.length > 0
      ? read.errors
      : read.values[customerFields.findIndex((f) => f.key === "name")];
  };

  it("guesses the two columns, not the whole name, from a shop's customers export", () => {
    expect(shopMapping).toMatchObject({ externalId: 0, name: null, firstName: 1, lastName: 2 });
  });

  it("joins them into the name, or takes the one there is", () => {
    expect(nameOf(["C-1", " Anna ", "Rossi", "", ""])).toBe("Anna Rossi");
    expect(nameOf(["C-2", "", "Rossi", "", ""])).toBe("Rossi");
    expect(nameOf(["C-3", "Anna", "", "", ""])).toBe("Anna");
    expect(nameOf(["C-4", "", "", "", ""])).toEqual([
      { line: 2, column: "Name", message: "is required" },
    ]);
    expect(nameOf(["C-5", "A".repeat(200), "B".repeat(200), "", ""])).toEqual([
      { line: 2, column: "Name", message: "is longer than 300 characters" },
    ]);
  });

  it("needs both columns: a first name alone would overwrite stored full names", () => {
    const firstOnly = guessMapping("customers", ["id", "first_name", "email"]);
    expect(firstOnly).toMatchObject({ name: null, firstName: 1 });
    expect(nameOf(["C-1", "Anna", ""], firstOnly)).toEqual([
      { line: 2, column: "Name", message: "is required" },
    ]);
  });

  it("reports a part's own problem once, under its column", () => {
    expect(nameOf(["C-1", "Zo\ufffd", "Rossi", "", ""])).toEqual([
      {
        line: 2,
        column: "First name",
        message: expect.stringContaining("could not be read as text"),
      },
    ]);
  });

  it("keeps a full name column when the row has one, and falls back to the parts when it is empty", () => {
    const both = guessMapping("customers", ["id", "name", "first_name", "last_name"]);
    expect(both).toMatchObject({ name: 1, firstName: 2, lastName: 3 });
    expect(nameOf(["C-1", "Anna Maria Rossi", "Anna", "Rossi"], both)).toBe("Anna Maria Rossi");
    expect(nameOf(["C-2", "", "Anna", "Rossi"], both)).toBe("Anna Rossi");
  });
});

describe("unmappedRequired", () => {
  it("names the required fields without a column, and what can stand in for them", () => {
    const customers = importFields.customers;
    expect(unmappedRequired(customers, guessMapping("customers", ["id", "first_name"]))).toEqual([
      "Name (or both First name and Last name)",
    ]);
    expect(
      unmappedRequired(customers, guessMapping("customers", ["id", "first_name", "last_name"])),
    ).toEqual([]);
    const orders = importFields.orders;
    const byEmail = guessMapping("orders", [
      "order_id",
      "email",
      "date",
      "sku",
      "name",
      "category",
      "qty",
      "price",
    ]);
    expect(unmappedRequired(orders, byEmail)).toEqual([]);
    expect(unmappedRequired(orders, { ...byEmail, customerEmail: null })).toEqual([
      "Customer id (or Customer email)",
    ]);
  });
});
