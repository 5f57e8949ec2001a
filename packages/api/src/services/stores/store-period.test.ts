import { describe, expect, it } from "vitest";
import { previousStoreRange } from "./store-period";

describe("the period a store's KPIs compare with", () => {
  it("is the calendar month before a calendar month, whatever their lengths", () => {
    expect(previousStoreRange({ from: "2026-03-01", to: "2026-03-31" })).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(previousStoreRange({ from: "2026-01-01", to: "2026-01-31" })).toEqual({
      from: "2025-12-01",
      to: "2025-12-31",
    });
  });

  it("is as many whole months before a run of whole months (a quarter, a year)", () => {
    expect(previousStoreRange({ from: "2026-04-01", to: "2026-06-30" })).toEqual({
      from: "2026-01-01",
      to: "2026-03-31",
    });
    expect(previousStoreRange({ from: "2025-01-01", to: "2025-12-31" })).toEqual({
      from: "2024-01-01",
      to: "2024-12-31",
    });
  });

  it("is the same number of days just before any other range", () => {
    expect(previousStoreRange({ from: "2026-03-02", to: "2026-03-31" })).toEqual({
      from: "2026-01-31",
      to: "2026-03-01",
    });
    expect(previousStoreRange({ from: "2026-03-01", to: "2026-03-30" })).toEqual({
      from: "2026-01-30",
      to: "2026-02-28",
    });
  });
});
