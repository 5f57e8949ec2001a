/**
 * A token bucket per API key, in this process's memory: right for one server. Several servers
 * behind a load balancer would each allow the full rate; they would need a shared store instead.
 */
export type RateLimiter = {
  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(keyId: number, nowMs: number): number;
};

export function createRateLimiter(options: {
  capacity: number;
  refillPerSecond: number;
}): RateLimiter {
  const buckets = new Map<number, { tokens: number; at: number }>();
  return {
    take(keyId, nowMs) {
      const bucket = buckets.get(keyId) ?? { tokens: options.capacity, at: nowMs };
      const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
      bucket.tokens = Math.min(options.capacity, bucket.tokens + elapsed * options.refillPerSecond);
      // Requests reach here out of order (each took its time before authenticating): the bucket's
      // clock only moves forward, so the same interval is never refilled twice.
      bucket.at = Math.max(bucket.at, nowMs);
      buckets.set(keyId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / options.refillPerSecond);
    },
  };
}
