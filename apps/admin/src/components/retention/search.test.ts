import { describe, expect, it } from "vitest";
import { parseRetentionSearch, retentionSearchParams } from "./search";

describe("retention URL parameters", () => {
  it("defaults to twelve months of monthly cohorts up to today, everyone", () => {
    expect(parseRetentionSearch({}, "2026-03-31")).toEqual({
      range: { from: "2025-04-01", to: "2026-03-31" },
      storeId: null,
      grain: "month",
      channel: null,
      segmentId: null,
      program: null,
      repeatWithinDays: 90,
      churnWindow: null,
      trendPeriod: 1,
    });
  });

  it("round-trips every filter through the URL so a view can be shared", () => {
    const input = parseRetentionSearch(
      {
        from: "2025-01-01",
        to: "2025-06-30",
        store: "3",
        grain: "week",
        channel: "online",
        within: "30",
        churn: "120",
        atrisk: "60",
        period: "2",
        segment: "8",
        program: "5",
        group: "control",
      },
      "2026-03-31",
    );
    expect(input).toMatchObject({
      storeId: 3,
      grain: "week",
      channel: "online",
      segmentId: 8,
      churnWindow: { churnAfterDays: 120, atRiskAfterDays: 60 },
      program: { programId: 5, group: "control" },
    });
    const again = parseRetentionSearch(
      Object.fromEntries(retentionSearchParams(input)),
      "2026-03-31",
    );
    expect(again).toEqual(input);
  });

  it("ignores malformed values instead of failing", () => {
    expect(
      parseRetentionSearch({ grain: "year", store: "x", churn: "90" }, "2026-03-31"),
    ).toMatchObject({
      grain: "month",
      storeId: null,
      churnWindow: null,
    });
  });
});
