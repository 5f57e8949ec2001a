import { storeScopeFor, type Role } from "@boomerang/domain";
import { checkChurnWindow } from "@boomerang/domain/metrics";
import { dayRangeInput } from "@boomerang/api/routers/inputs";
import { retentionInput } from "@boomerang/api/routers/retention";
import type { RouterInputs } from "@boomerang/api";

/**
 * What a page may prefetch on the server for the signed-in user. A prefetch the API would refuse
 * (another store for a store manager, input the URL made invalid) is left to the browser, which
 * asks itself and shows the API's message; the server would only log the refusal as an error.
 */
export type Viewer = { role: Role; storeId: number | null };

/** The rule of the API's scopedStoreId: a store manager may ask for their own store or none. */
export function mayAskForStore(viewer: Viewer, storeId: number | null | undefined): boolean {
  const scope = storeScopeFor(viewer);
  return scope === null || storeId === null || storeId === undefined || storeId === scope;
}

/** A period the API's dayRangeInput accepts: real days, start not after end, at most five years. */
export function isValidRange(range: { from: string; to: string }): boolean {
  return dayRangeInput.safeParse(range).success;
}

/** Whether retention.get would answer this input for the viewer, as its schema and service check it. */
export function canPrefetchRetention(
  viewer: Viewer,
  input: RouterInputs["retention"]["get"],
  today: string,
): boolean {
  if (!mayAskForStore(viewer, input.storeId)) return false;
  const parsed = retentionInput.safeParse(input);
  if (!parsed.success) return false;
  if (parsed.data.range.from > today) return false;
  return !parsed.data.churnWindow || checkChurnWindow(parsed.data.churnWindow) === null;
}
