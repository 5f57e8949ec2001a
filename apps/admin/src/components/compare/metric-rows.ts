import type { CandidateMetrics } from "@boomerang/domain/simulation";
import { formatMoney, formatNumber, formatPercent } from "@boomerang/ui";

export type Format = { currency: string; locale: string };

export type MetricRow = {
  key: keyof CandidateMetrics;
  label: string;
  /** Replayed on the real purchases, or resting on the response model. */
  basis: "fact" | "assumed";
  format: (value: number, f: Format) => string;
};

const money = (v: number, f: Format) => formatMoney(Math.round(v), f.currency, f.locale);
const count = (v: number, f: Format) => formatNumber(Math.round(v), f.locale);
const points = (v: number, f: Format) => `${v >= 0 ? "+" : ""}${formatPercent(v, f.locale, 2)}`;

/** The side-by-side rows, fact first, in the marketer's words. */
export const metricRows: readonly MetricRow[] = [
  { key: "members", label: "Members (customers who joined)", basis: "fact", format: count },
  { key: "participants", label: "Participants (got a reward)", basis: "fact", format: count },
  { key: "rewardCost", label: "Reward cost on real purchases", basis: "fact", format: money },
  { key: "liability", label: "Outstanding liability at the end", basis: "fact", format: money },
  { key: "contactCost", label: "Messages cost", basis: "assumed", format: money },
  { key: "totalCost", label: "Total cost", basis: "assumed", format: money },
  { key: "incrementalOrders", label: "Incremental orders", basis: "assumed", format: count },
  { key: "incrementalRevenue", label: "Incremental revenue", basis: "assumed", format: money },
  { key: "retentionChange", label: "Retention change", basis: "assumed", format: points },
  { key: "costPerRetained", label: "Cost per retained customer", basis: "assumed", format: money },
  {
    key: "roi",
    label: "ROI (on gross margin)",
    basis: "assumed",
    format: (v, f) => formatPercent(v, f.locale, 0),
  },
];
