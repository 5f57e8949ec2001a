import { describe, expect, it } from "vitest";
import { recordIdText } from "./record-id";

describe("an id given as text", () => {
  it("takes digits only", () => {
    expect(recordIdText.parse("42")).toBe(42);
    for (const text of ["0x1", " 1", "+1", "1.0", "1e3", "", "-3", "0"])
      expect(recordIdText.safeParse(text).success, text).toBe(false);
  });

  it("refuses an id past what the database holds, saying so", () => {
    const result = recordIdText.safeParse("2147483648");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("No record has an id that large.");
  });
});
