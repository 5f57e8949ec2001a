import { describe, expect, it } from "vitest";
import { errorReportCsv } from "./report-csv";

describe("errorReportCsv", () => {
  it("lists line, column and problem, with a problem that starts like a formula kept as text", () => {
    const csv = errorReportCsv([
      { line: 2, column: "Placed at", message: '"31/02/2025" is not a real date' },
      { line: 5, column: "Customer id", message: "=cmd|' /C calc'!A0 is not a customer" },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "line,column,problem",
      '2,Placed at,"""31/02/2025"" is not a real date"',
      `5,Customer id,"'=cmd|' /C calc'!A0 is not a customer"`,
    ]);
  });
});
