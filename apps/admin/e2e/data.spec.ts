import { expect, test } from "@playwright/test";
import { downloadedCsv, loginFor, signIn } from "./fixtures";

const header = "customer_id,name,email,signup_date,store,email_opt_in";
const good = [
  "E2E-1,Giulia Neri,giulia@example.test,2025-03-01,MIL01,yes",
  "E2E-2,Luca Gallo,,02/03/2025,,no",
];
const badRow = "E2E-3,Sara Riva,sara@example.test,31/02/2025,MIL01,yes";
const fixedRow = "E2E-3,Sara Riva,sara@example.test,28/02/2025,MIL01,yes";
const csv = (rows: string[]) => Buffer.from(`${[header, ...rows].join("\n")}\n`);

test("an admin creates an API key, imports a CSV with a bad row, reads the report, fixes it and sees the import in history", async ({
  page,
  request,
}) => {
  await signIn(page, loginFor("admin"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();

  // An API key: shown once, then usable against the ingest API.
  await page.getByLabel("Key name").fill("Till system e2e");
  await page.getByLabel("Create and update customers").check();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^bmr_/);
  await expect(page.getByRole("table", { name: "API keys" })).toContainText("Till system e2e");
  const viaApi = await request.post("/api/v1/customers", {
    headers: { authorization: `Bearer ${secret}` },
    data: { externalId: "E2E-API-1", name: "Posted through the API" },
  });
  expect(viaApi.status()).toBe(201);
  const noKey = await request.post("/api/v1/customers", {
    data: { externalId: "E2E-API-2", name: "x" },
  });
  expect(noKey.status()).toBe(401);

  // A file with one bad row: the preview flags it, the import refuses the whole file and reports it.
  await page.getByLabel("The file holds").selectOption("customers");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: csv([...good, badRow]) });
  await expect(page.getByRole("table", { name: "First rows of the file" })).toContainText(
    "Giulia Neri",
  );
  await expect(page.getByLabel("Column for Signed up")).toHaveValue("3");
  await expect(page.getByText('Line 4, Signed up: "31/02/2025" is not a real date')).toBeVisible();
  await page.getByRole("button", { name: "Import customers.csv" }).click();
  const problems = page.getByRole("table", { name: "Problems in the file" });
  await expect(problems).toContainText("Signed up", { timeout: 30_000 });
  await expect(problems.getByRole("row").nth(1)).toContainText(
    /4\s*Signed up\s*"31\/02\/2025" is not a real date/,
  );
  await expect(page.getByText("Nothing was imported: 1 of 3 rows have problems.")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the report (CSV)" }).click();
  expect((await download).suggestedFilename()).toBe("customers-problems.csv");

  // Fixed: everything imports, and the history shows both attempts with who ran them.
  await page.getByLabel("CSV file").setInputFiles({
    name: "customers-fixed.csv",
    mimeType: "text/csv",
    buffer: csv([...good, fixedRow]),
  });
  await expect(page.getByText("The first rows look right.")).toBeVisible();
  await page.getByRole("button", { name: "Import customers-fixed.csv" }).click();
  await expect(
    page.getByText("Imported 3 rows: 3 new, 0 updated, the rest unchanged."),
  ).toBeVisible({ timeout: 30_000 });
  const history = page.getByRole("table", { name: "Import history" });
  await expect(history.getByRole("row", { name: /customers-fixed\.csv/ })).toContainText(
    /succeeded\s*3\s*3\s*0\s*0/,
  );
  await expect(history.getByRole("row", { name: /customers\.csv/ }).first()).toContainText(
    "failed",
  );

  // The failed import's report stays reachable from the history, after the page is left.
  await page.reload();
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the problems of customers.csv (CSV)" }).click();
  const report = await again;
  expect(report.suggestedFilename()).toBe("customers-problems.csv");
  expect(await downloadedCsv((await report.path())!)).toContain("Signed up");
});

test("a marketer previews and imports a file of a few thousand customers (far larger than a URL can carry)", async ({
  page,
}) => {
  // ~190 kB: the preview's 64 kB sample once went in a GET's URL and the server refused it (431).
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `E2E-BIG-${i},Cliente Numero ${i},cliente${i}@example.test,2025-03-01,MIL01,yes`,
  );
  // Saved by a spreadsheet as plain "CSV": Windows-1252, its only accent past the 64 kB sample, so
  // the page finds out on upload, reading the whole file.
  rows[2999] = "E2E-BIG-2999,Cliente Zoé,cliente2999@example.test,2025-03-01,MIL01,yes";
  const bytes = Buffer.from([...`${[header, ...rows].join("\n")}\n`].map((c) => c.charCodeAt(0)));
  await signIn(page, loginFor("marketer"));
  await page.goto("/data");
  await page.getByLabel("The file holds").selectOption("customers");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "many-customers.csv", mimeType: "text/csv", buffer: bytes });
  await expect(page.getByLabel("Text encoding")).toHaveValue("utf-8");
  await expect(page.getByRole("table", { name: "First rows of the file" })).toContainText(
    "Cliente Numero 0",
  );
  await expect(page.getByText("The first rows look right.")).toBeVisible();
  await page.getByRole("button", { name: "Import many-customers.csv" }).click();
  await expect(
    page.getByText("Imported 3,000 rows: 3,000 new, 0 updated, the rest unchanged."),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("Text encoding")).toHaveValue("windows-1252");
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill("Zoé");
  await expect(page.getByRole("link", { name: "Cliente Zoé" })).toBeVisible();
});

test("a marketer imports a US spreadsheet saved as plain CSV (Windows-1252, dates month first), after a workbook is refused", async ({
  page,
}) => {
  await signIn(page, loginFor("marketer"));
  await page.goto("/data");
  await page.getByLabel("The file holds").selectOption("customers");

  // A workbook cannot be read: said before anything is sent, with how to save it as CSV.
  await page.getByLabel("CSV file").setInputFiles({
    name: "customers.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  });
  await expect(page.getByText(/This is a spreadsheet workbook .* "CSV UTF-8/)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  // Excel's plain "CSV" on Windows: Windows-1252 bytes ("ü", "ë", "€", curly quotes), US dates.
  // The name split in two, as shop exports write it.
  const text = `${[
    "customer_id,First Name,Last Name,email,signup_date,store,email_opt_in",
    "E2E-US-1,Zoë,Müller “€”,zoe@example.test,03/02/2025,MIL01,yes",
    "E2E-US-2,Noël,Brontë,,03/14/2025,,no",
  ].join("\r\n")}\r\n`;
  const bytes = Buffer.from(
    [...text].map((c) => ({ "€": 0x80, "“": 0x93, "”": 0x94 })[c] ?? c.charCodeAt(0)),
  );
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "us-customers.csv", mimeType: "text/csv", buffer: bytes });
  await expect(page.getByRole("table", { name: "First rows of the file" })).toContainText(
    "Müller “€”",
  );
  await expect(page.getByLabel("Column for Name")).toHaveValue("");
  await expect(page.getByLabel("Column for First name")).toHaveValue("1");
  await expect(page.getByLabel("Column for Last name")).toHaveValue("2");
  await expect(page.getByText(/read as Western European \(Windows-1252\)/)).toBeVisible();
  // The 14th as the second number: month first, as the preview shows by reading one in words.
  await expect(page.getByLabel("Date order")).toHaveValue("month-first");
  await expect(page.getByTestId("date-reading")).toHaveText(
    'Signed up "03/02/2025" reads as 2 March 2025 (as the file\'s dates show).',
  );
  // Read the other way round, the 14th cannot be a month: the first rows say so.
  await page.getByLabel("Date order").selectOption("day-first");
  await expect(page.getByTestId("date-reading")).toContainText("reads as 3 February 2025");
  await expect(page.getByText(/Line 3, Signed up: .*choose "Month first"/)).toBeVisible();
  await page.getByLabel("Date order").selectOption("month-first");
  await expect(page.getByText("The first rows look right.")).toBeVisible();

  await page.getByRole("button", { name: "Import us-customers.csv" }).click();
  await expect(
    page.getByText("Imported 2 rows: 2 new, 0 updated, the rest unchanged."),
  ).toBeVisible({ timeout: 30_000 });
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill("Müller");
  await expect(page.getByRole("link", { name: "Zoë Müller “€”" })).toBeVisible();
});

test("a marketer previews a shop's orders export that names customers by email only", async ({
  page,
}) => {
  await signIn(page, loginFor("marketer"));
  await page.goto("/data");
  await page.getByLabel("The file holds").selectOption("orders");
  const file = [
    // Shopify's headers: "Name" is the order number, on every row of the order; no category.
    "Name,Email,Created at,Lineitem sku,Lineitem name,Lineitem quantity,Lineitem price",
    "#1001,giulia@example.test,2025-06-01 10:00:00 +0200,A1,Beans,2,12.50",
  ].join("\n");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "shop-orders.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await expect(page.getByText("The first rows look right.")).toBeVisible();
  await expect(page.getByLabel("Column for Order id")).toHaveValue("0");
  await expect(page.getByLabel("Column for Item name")).toHaveValue("4");
  await expect(page.getByLabel("Column for Category")).toHaveValue("");
  await expect(page.getByTestId("category-notice")).toContainText(
    "takes the category this business recorded before for its SKU",
  );
  await expect(page.getByLabel("Column for Customer id")).toHaveValue("");
  await expect(page.getByLabel("Column for Customer email")).toHaveValue("1");
  await expect(page.getByRole("button", { name: "Import shop-orders.csv" })).toBeEnabled();
  // Without the email column the customer id is needed, and the page says how else to give it.
  await page.getByLabel("Column for Customer email").selectOption("");
  await expect(
    page.getByText("Choose a column for: Customer id (or Customer email)."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Import shop-orders.csv" })).toBeDisabled();
});
