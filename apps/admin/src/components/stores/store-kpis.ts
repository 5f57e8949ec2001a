import { formatMoney, formatNumber, formatPercent, relativeChange } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";

export type KpiFigures = RouterOutputs["storeKpis"]["list"]["rows"][number]["current"];
export type KpiKey = keyof KpiFigures;
export type BusinessFormat = { currency: string; locale: string; timezone: string };

type KpiKind = "money" | "count" | "rate";
export type KpiDefinition = {
  key: KpiKey;
  label: string;
  kind: KpiKind;
  hint: string;
  lowerIsBetter?: boolean;
};

/** The stores page's KPIs, in the order a store manager reads them. */
export const storeKpiDefinitions: KpiDefinition[] = [
  {
    key: "revenue",
    label: "Revenue",
    kind: "money",
    hint: "Order totals after discounts at the store",
  },
  { key: "orders", label: "Orders", kind: "count", hint: "Orders placed at the store" },
  {
    key: "activeCustomers",
    label: "Active customers",
    kind: "count",
    hint: "Customers with at least one order at the store",
  },
  {
    key: "newCustomers",
    label: "New customers",
    kind: "count",
    hint: "Active customers whose first purchase anywhere was in the period",
  },
  {
    key: "returningCustomers",
    label: "Returning customers",
    kind: "count",
    hint: "Active customers who had bought before the period",
  },
  {
    key: "repeatPurchaseRate",
    label: "Repeat-purchase rate",
    kind: "rate",
    hint: "Share of active customers with at least two purchases by the period's end",
  },
  {
    key: "retention90",
    label: "90-day retention",
    kind: "rate",
    hint: "Of the period's new customers whose first 90 days are over, the share who bought again within them",
  },
  {
    key: "averageOrderValue",
    label: "Average order value",
    kind: "money",
    hint: "Revenue divided by orders",
  },
  {
    key: "churnedCustomers",
    label: "Churned customers",
    kind: "count",
    lowerIsBetter: true,
    hint: "Home customers whose last purchase passed the churn window during the period",
  },
  {
    key: "historicalClv",
    label: "Historical CLV",
    kind: "money",
    hint: "Average revenue per active customer, all purchases up to the period's end",
  },
  {
    key: "programMembers",
    label: "Program members",
    kind: "count",
    hint: "Active customers enrolled in a program (control groups excluded)",
  },
  {
    key: "pointsIssued",
    label: "Points issued",
    kind: "count",
    hint: "Points earned on the store's orders",
  },
  {
    key: "pointsRedeemed",
    label: "Points redeemed",
    kind: "count",
    hint: "Points spent at the store or by its home customers",
  },
  {
    key: "redemptionRate",
    label: "Redemption rate",
    kind: "rate",
    hint: "Points redeemed per point issued in the period",
  },
];

export function formatKpi(
  definition: KpiDefinition,
  value: number | null,
  business: BusinessFormat,
): string {
  if (value === null) return "—";
  if (definition.kind === "money") return formatMoney(value, business.currency, business.locale);
  if (definition.kind === "rate") return formatPercent(value, business.locale);
  return formatNumber(value, business.locale);
}

/** The change against the previous period: relative for money and counts, percentage points for rates. */
export function kpiChange(
  definition: KpiDefinition,
  current: number | null,
  previous: number | null,
  locale: string,
) {
  if (current === null || previous === null) return { change: null, label: "no comparison" };
  if (definition.kind === "rate") {
    const pp = (current - previous) * 100;
    return {
      change: current - previous,
      label: `${pp > 0 ? "+" : ""}${pp.toFixed(1)} pp vs previous`,
    };
  }
  const change = relativeChange(current, previous);
  if (change === null) return { change: null, label: "none in the previous period" };
  return { change, label: `${change > 0 ? "+" : ""}${formatPercent(change, locale)} vs previous` };
}
