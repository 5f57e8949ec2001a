import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("chart CSV", () => {
  it("quotes cells with commas, quotes and line breaks, and leaves numbers and empties plain", () => {
    expect(
      toCsv(
        ["store", "revenue"],
        [
          ["Milano, Centro", 1234.5],
          ['Say "hi"\nbye', null],
        ],
      ),
      // Lines end with CRLF (RFC 4180); a line break inside a quoted cell stays as it is.
    ).toBe('store,revenue\r\n"Milano, Centro",1234.5\r\n"Say ""hi""\nbye",\r\n');
  });

  it("keeps a spreadsheet from running a typed name as a formula, but not a negative number", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@SUM")).toBe("'@SUM");
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(true)).toBe("true");
  });
});
