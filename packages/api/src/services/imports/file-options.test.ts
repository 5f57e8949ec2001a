import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeUser } from "@boomerang/db/testing/factories";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");
const header = "customer_id,name,signup_date,birth_date";

describe.each(testDrivers())("how an import reads a file's dates and text on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  const customer = async (externalId: string) =>
    (await handle.db.select().from(customers).where(eq(customers.externalId, externalId)))[0];
  beforeAll(async () => {
    handle = await openTestDb(driver, "import_file_options");
    // A US business: its files write dates month first unless the preview says otherwise.
    await makeBusiness(handle.db, {
      currency: "USD",
      timezone: "America/New_York",
      locale: "en-US",
    });
    userId = (await makeUser(handle.db, { role: "marketer" })).id;
  }, 60_000);
  afterAll(() => handle.close());

  const run = (lines: string[], options: Partial<Parameters<typeof importLines>[1]> = {}) =>
    importLines(handle.db, { userId, kind: "customers", lines, now, ...options });

  it("reads dates like 06/07/2025 in the order chosen, the locale's when none is", async () => {
    const lines = [header, "M-1,Mia,06/07/2024 09:30,12/31/1990"];
    expect((await run(lines)).outcome).toMatchObject({ ok: true });
    const mia = await customer("M-1");
    // 7 June, 09:30 in New York (EDT, UTC-4); born on New Year's Eve.
    expect(mia?.signedUpAt.toISOString()).toBe("2024-06-07T13:30:00.000Z");
    expect(mia?.birthDate).toBe("1990-12-31");

    const dayFirst = [header, "D-1,Dario,06/07/2024 09:30,31/12/1990"];
    expect((await run(dayFirst, { dateOrder: "day-first" })).outcome).toMatchObject({ ok: true });
    const dario = await customer("D-1");
    expect(dario?.signedUpAt.toISOString()).toBe("2024-07-06T13:30:00.000Z");
    expect(dario?.birthDate).toBe("1990-12-31");
  });

  it("refuses a date that is not real in the chosen order, saying to choose the other", async () => {
    const { outcome } = await run([header, "X-1,Xena,2024-06-07,31/12/1990"], {
      dateOrder: "month-first",
    });
    expect(outcome).toMatchObject({
      ok: false,
      errors: [
        {
          line: 2,
          column: "Birth date",
          message:
            '"31/12/1990" is not a real date read month first (MM/DD/YYYY); if the file writes the day first, choose "Day first" for its dates',
        },
      ],
    });
    expect(await customer("X-1")).toBeUndefined();
  });

  it("imports a Windows-1252 file with its accents, euro sign and curly quotes intact", async () => {
    const lines = [header, "W-1,Zoë Müller “€ Café”,2024-06-07,"];
    const bytes = iconv.encode(`${lines.join("\r\n")}\r\n`, "windows-1252");
    expect((await run(lines, { bytes, encoding: "windows-1252" })).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 1 },
    });
    expect((await customer("W-1"))?.name).toBe("Zoë Müller “€ Café”");
  });

  it("refuses text that is not UTF-8 when the file was taken for UTF-8, and changes nothing", async () => {
    const lines = [header, "W-2,Zoë,2024-06-07,"];
    const bytes = iconv.encode(`${lines.join("\n")}\n`, "windows-1252");
    const { outcome } = await run(lines, { bytes });
    expect(outcome).toMatchObject({
      ok: false,
      errors: [
        {
          line: 2,
          column: "Name",
          message:
            'contains a character that could not be read as text (not UTF-8, or a byte no character stands for); save the file as "CSV UTF-8" and import it again',
        },
      ],
    });
    expect(await customer("W-2")).toBeUndefined();
  });

  it("joins a shop export's first and last name into the customer's name", async () => {
    const lines = [
      "Customer ID,First Name,Last Name,Email",
      "S-1,Anna,Rossi,anna@example.test",
      "S-2,,Bianchi,",
    ];
    expect((await run(lines)).outcome).toMatchObject({ ok: true, counts: { inserted: 2 } });
    expect((await customer("S-1"))?.name).toBe("Anna Rossi");
    expect((await customer("S-2"))?.name).toBe("Bianchi");
    // The same file with a corrected first name updates the name.
    const fixed = [lines[0]!, "S-1,Anna Maria,Rossi,anna@example.test", lines[2]!];
    expect((await run(fixed)).outcome).toMatchObject({ ok: true, counts: { updated: 1 } });
    expect((await customer("S-1"))?.name).toBe("Anna Maria Rossi");
  });
});
