import { describe, expect, it } from "vitest";
import { formatDay, formatMoney, formatPercent, relativeChange } from "./format";

describe("formatting in the business's locale", () => {
  it("shows integer minor units as currency", () => {
    expect(formatMoney(123456, "EUR", "en-GB")).toBe("€1,234.56");
    expect(formatMoney(123456789, "EUR", "it-IT")).toMatch(/^1\.234\.567,89\s€$/);
    expect(formatMoney(0, "RUB", "ru-RU")).toMatch(/^0,00\s₽$/);
  });

  it("shows calendar days without shifting them through the machine's time zone", () => {
    expect(formatDay("2026-01-01", "en-GB")).toBe("1 Jan 2026");
    expect(formatDay("2026-12-31", "en-US")).toBe("Dec 31, 2026");
  });

  it("shows shares as percentages with one decimal", () => {
    expect(formatPercent(0.1234, "en-GB")).toBe("12.3%");
  });

  it("computes relative change, and says when there is nothing to compare with", () => {
    expect(relativeChange(110, 100)).toBeCloseTo(0.1);
    expect(relativeChange(50, 100)).toBeCloseTo(-0.5);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(5, 0)).toBeNull();
  });
});
