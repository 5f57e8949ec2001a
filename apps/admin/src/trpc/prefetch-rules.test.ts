import { describe, expect, it } from "vitest";
import { parseRetentionSearch } from "../components/retention/search";
import { canPrefetchRetention, isValidRange, mayAskForStore } from "./prefetch-rules";

const today = "2025-07-01";
const manager = { role: "store_manager" as const, storeId: 3 };
const analyst = { role: "analyst" as const, storeId: null };

describe("what a page prefetches on the server", () => {
  it("lets a store manager ask only for their own store, the others for any", () => {
    expect(mayAskForStore(manager, null)).toBe(true);
    expect(mayAskForStore(manager, 3)).toBe(true);
    expect(mayAskForStore(manager, 4)).toBe(false);
    expect(mayAskForStore(analyst, 4)).toBe(true);
  });

  it("leaves reversed or over-long periods to the browser", () => {
    expect(isValidRange({ from: "2025-01-01", to: "2025-06-30" })).toBe(true);
    expect(isValidRange({ from: "2025-06-30", to: "2025-01-01" })).toBe(false);
    expect(isValidRange({ from: "2015-01-01", to: "2025-06-30" })).toBe(false);
  });

  it("prefetches retention only for input the API answers", () => {
    const parse = (query: string) =>
      parseRetentionSearch(Object.fromEntries(new URLSearchParams(query)), today);
    expect(canPrefetchRetention(analyst, parse(""), today)).toBe(true);
    expect(canPrefetchRetention(analyst, parse("grain=quarter&store=4"), today)).toBe(true);
    expect(canPrefetchRetention(manager, parse(""), today)).toBe(true);
    expect(canPrefetchRetention(manager, parse("store=3"), today)).toBe(true);
    // Another store, an at-risk threshold not shorter than the churn window, a period after today,
    // a reversed period and an out-of-range repeat window are all refused by the API.
    expect(canPrefetchRetention(manager, parse("store=4"), today)).toBe(false);
    expect(canPrefetchRetention(analyst, parse("churn=30&atrisk=30"), today)).toBe(false);
    expect(canPrefetchRetention(analyst, parse("churn=60&atrisk=30"), today)).toBe(true);
    expect(canPrefetchRetention(analyst, parse("from=2025-08-01&to=2025-09-01"), today)).toBe(
      false,
    );
    expect(canPrefetchRetention(analyst, parse("from=2025-05-01&to=2025-01-01"), today)).toBe(
      false,
    );
    expect(canPrefetchRetention(analyst, parse("within=5000"), today)).toBe(false);
  });
});
