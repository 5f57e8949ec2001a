import type { RouterOutputs } from "@boomerang/api";
import { formatMoney, formatNumber } from "@boomerang/ui";

export type LiftReport = RouterOutputs["lift"]["report"];
export type ProgramLift = LiftReport["programs"][number];
export type BusinessFormat = { currency: string; locale: string };

/** Percentage points with a sign, e.g. +2.4 pp. */
export const formatPp = (share: number, locale: string): string =>
  `${share >= 0 ? "+" : "−"}${formatNumber(Math.abs(share * 100), locale)} pp`;

export const formatSignedMoney = (minor: number, b: BusinessFormat): string =>
  `${minor >= 0 ? "+" : "−"}${formatMoney(Math.abs(minor), b.currency, b.locale)}`;

export const formatSignedNumber = (v: number, locale: string): string =>
  `${v >= 0 ? "+" : "−"}${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Math.abs(v))}`;

type Interval = { difference: number; low: number; high: number } | null;

/** "+2.4 pp (95% CI +0.3 pp to +4.5 pp)", or a dash when there is no interval yet. */
export const withInterval = (d: Interval, format: (v: number) => string): string =>
  d === null ? "—" : `${format(d.difference)} (95% CI ${format(d.low)} to ${format(d.high)})`;

export const statusLabels: Record<
  string,
  { label: string; tone: "teal" | "rose" | "amber" | "slate" }
> = {
  effect: { label: "Effect shown", tone: "teal" },
  harm: { label: "Worse than control", tone: "rose" },
  "no-effect": { label: "No effect shown", tone: "slate" },
  "too-early": { label: "Too early", tone: "amber" },
  "not-measurable": { label: "Not measurable yet", tone: "amber" },
};
