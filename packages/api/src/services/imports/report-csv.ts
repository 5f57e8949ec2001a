import Papa from "papaparse";
import type { ImportRowError } from "@boomerang/db";

/** The validation report as CSV (line, column, problem), for people to fix their file with. */
export const errorReportCsv = (errors: readonly ImportRowError[]): string =>
  Papa.unparse(
    {
      fields: ["line", "column", "problem"],
      data: errors.map((e) => [e.line, e.column, e.message]),
    },
    // A problem quoting a cell of the file that starts with = + - @ must not run in a spreadsheet.
    { escapeFormulae: true },
  );
