import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter";

describe("the per-key rate limiter", () => {
  it("refills an interval once, even when requests arrive out of time order", () => {
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1 });
    expect(limiter.take(1, 10_000)).toBe(0);
    expect(limiter.take(1, 10_000)).toBe(0);
    // One second later one token is back; a request that took its time before (9.5 s) must not
    // move the clock back and have the same second refilled again.
    expect(limiter.take(1, 11_000)).toBe(0);
    expect(limiter.take(1, 10_500)).toBeGreaterThan(0);
    expect(limiter.take(1, 11_000)).toBeGreaterThan(0);
    expect(limiter.take(1, 12_000)).toBe(0);
    // Half a second more is half a token: not enough (refilled twice, it would have been one).
    expect(limiter.take(1, 12_500)).toBeGreaterThan(0);
  });

  it("keeps one bucket per key", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take(1, 0)).toBe(0);
    expect(limiter.take(1, 0)).toBe(1);
    expect(limiter.take(2, 0)).toBe(0);
  });
});
