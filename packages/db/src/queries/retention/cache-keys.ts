import type { ChurnWindow } from "@boomerang/domain/metrics";

/**
 * The only keys the retention caches hold. Every key is a separate fill of every cohort month
 * under the exclusive cache lock, during which every writer to customer_features waits, so the
 * caches keep only what the Retention page opens with; any other key a request names is computed
 * live from the arrays, without the lock and without writing cache rows (the answers are equal).
 */

/** The repeat windows (within_days) retention_repeat_days holds: the page's default, 90 days. */
export const CACHED_REPEAT_WITHIN_DAYS: readonly number[] = [90];

export const isCachedRepeatWindow = (withinDays: number): boolean =>
  CACHED_REPEAT_WITHIN_DAYS.includes(withinDays);

/**
 * Whether a churn trend over `window` may read (and fill) the churn caches: only when it is the
 * audience's default window (`defaultWindow`, the one the page loads, derived from the median gap
 * by the caller), never a window chosen in a request.
 */
export const isCachedChurnWindow = (
  window: ChurnWindow,
  defaultWindow: ChurnWindow | null | undefined,
): boolean =>
  defaultWindow != null &&
  window.atRiskAfterDays === defaultWindow.atRiskAfterDays &&
  window.churnAfterDays === defaultWindow.churnAfterDays;
