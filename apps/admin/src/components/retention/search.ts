import { z } from "zod";
import type { RouterInputs } from "@boomerang/api";
import { appendExtras, type RetentionExtras } from "./extras-search";

export type RetentionInput = RouterInputs["retention"]["get"];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const positive = z.coerce.number().int().positive();
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Twelve calendar months of cohorts up to today: the first day of the month eleven months back. */
export function defaultFrom(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months = y * 12 + (m - 1) - 11;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}-01`;
}

/**
 * Reads the Retention page's URL; anything missing or malformed falls back to a default instead of
 * failing, so an old or hand-edited link still opens. Out-of-range numbers are passed on for the
 * API to refuse with its message.
 */
export function parseRetentionSearch(
  params: Record<string, string | string[] | undefined>,
  today: string,
): RetentionInput {
  const get = (key: string) => one(params[key]);
  const from = day.safeParse(get("from"));
  const to = day.safeParse(get("to"));
  const store = positive.safeParse(get("store"));
  const grain = z.enum(["week", "month", "quarter"]).safeParse(get("grain"));
  const channel = z.enum(["online", "offline"]).safeParse(get("channel"));
  const within = positive.safeParse(get("within"));
  const churn = positive.safeParse(get("churn"));
  const atRisk = positive.safeParse(get("atrisk"));
  const period = positive.safeParse(get("period"));
  const program = positive.safeParse(get("program"));
  const segment = positive.safeParse(get("segment"));
  const group = z.enum(["members", "control"]).safeParse(get("group"));
  return {
    range: {
      from: from.success ? from.data : defaultFrom(today),
      to: to.success ? to.data : today,
    },
    storeId: store.success ? store.data : null,
    grain: grain.success ? grain.data : "month",
    channel: channel.success ? channel.data : null,
    segmentId: segment.success ? segment.data : null,
    program: program.success
      ? { programId: program.data, group: group.success ? group.data : "members" }
      : null,
    repeatWithinDays: within.success ? within.data : 90,
    churnWindow:
      churn.success && atRisk.success
        ? { churnAfterDays: churn.data, atRiskAfterDays: atRisk.data }
        : null,
    trendPeriod: period.success ? period.data : 1,
  };
}

/** The URL query for an input (and the cards' extras), leaving defaults out so links stay short. */
export function retentionSearchParams(
  input: RetentionInput,
  extras?: RetentionExtras,
): URLSearchParams {
  const params = new URLSearchParams({ from: input.range.from, to: input.range.to });
  if (input.storeId) params.set("store", String(input.storeId));
  if (input.grain && input.grain !== "month") params.set("grain", input.grain);
  if (input.channel) params.set("channel", input.channel);
  if (input.segmentId) params.set("segment", String(input.segmentId));
  if (input.program) {
    params.set("program", String(input.program.programId));
    params.set("group", input.program.group);
  }
  if (input.repeatWithinDays !== undefined && input.repeatWithinDays !== 90)
    params.set("within", String(input.repeatWithinDays));
  if (input.churnWindow) {
    params.set("churn", String(input.churnWindow.churnAfterDays));
    params.set("atrisk", String(input.churnWindow.atRiskAfterDays));
  }
  if (input.trendPeriod !== undefined && input.trendPeriod !== 1)
    params.set("period", String(input.trendPeriod));
  return extras ? appendExtras(params, extras) : params;
}
