import { describe, expect, it } from "vitest";
import { importedSummary } from "./import-summary";

describe("importedSummary", () => {
  const job = { rowsTotal: 1, rowsInserted: 1, rowsUpdated: 0, itemsUncategorised: 0 };

  it("counts rows, new and updated, with the business locale's digits", () => {
    expect(importedSummary(job, "en-US")).toBe(
      "Imported 1 row: 1 new, 0 updated, the rest unchanged.",
    );
    expect(
      importedSummary({ ...job, rowsTotal: 12_000, rowsInserted: 11_500, rowsUpdated: 3 }, "it-IT"),
    ).toBe("Imported 12.000 rows: 11.500 new, 3 updated, the rest unchanged.");
  });

  it("says how many items were filed as uncategorised, and how to file them", () => {
    expect(importedSummary({ ...job, itemsUncategorised: 1 }, "en-US")).toBe(
      "Imported 1 row: 1 new, 0 updated, the rest unchanged. 1 item had no category in the file and none known for its SKU: filed as “uncategorised”. Import it again with a Category column to file it.",
    );
    expect(importedSummary({ ...job, rowsTotal: 5, itemsUncategorised: 2 }, "en-US")).toContain(
      "2 items had no category in the file and none known for their SKUs",
    );
  });
});
