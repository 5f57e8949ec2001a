import { describe, expect, it } from "vitest";
import { lastMonthRange, parseOverviewSearch, presetRange, presets } from "./period";

describe("overview URL parameters", () => {
  it("defaults to the last 30 days including today, all stores", () => {
    expect(parseOverviewSearch({}, "2026-03-31")).toEqual({
      from: "2026-03-02",
      to: "2026-03-31",
      storeId: null,
    });
  });

  it("keeps a valid period and store from the URL", () => {
    expect(
      parseOverviewSearch({ from: "2026-01-01", to: "2026-01-31", store: "4" }, "2026-03-31"),
    ).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      storeId: 4,
    });
  });

  it("ignores malformed values instead of failing", () => {
    expect(parseOverviewSearch({ from: "yesterday", store: "-1" }, "2026-03-31")).toEqual({
      from: "2026-03-02",
      to: "2026-03-31",
      storeId: null,
    });
  });

  it("counts presets in whole days across month ends and leap days", () => {
    expect(presetRange("2024-03-01", 2)).toEqual({ from: "2024-02-29", to: "2024-03-01" });
    expect(presetRange("2026-01-06", 7)).toEqual({ from: "2025-12-31", to: "2026-01-06" });
  });

  it("offers the last calendar month, whole, across year ends and leap Februaries", () => {
    expect(lastMonthRange("2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(lastMonthRange("2024-03-01")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(lastMonthRange("2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presets.find((p) => p.id === "last-month")?.range("2026-11-23")).toEqual({
      from: "2026-10-01",
      to: "2026-10-31",
    });
  });
});
