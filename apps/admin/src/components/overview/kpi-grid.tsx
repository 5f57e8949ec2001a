import { formatMoney, formatNumber, formatPercent, relativeChange, Stat } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./overview-view";

type Kpis = RouterOutputs["overview"]["get"]["current"];

function changeText(change: number | null, locale: string): string {
  if (change === null) return "new this period";
  const sign = change > 0 ? "+" : "";
  return `${sign}${formatPercent(change, locale)} vs previous`;
}

function pointsText(current: number, previous: number): string {
  const pp = (current - previous) * 100;
  const sign = pp > 0 ? "+" : "";
  return `${sign}${pp.toFixed(1)} pp vs previous`;
}

export function KpiGrid({
  current,
  previous,
  business,
}: {
  current: Kpis;
  previous: Kpis;
  business: BusinessFormat;
}) {
  const { locale, currency } = business;
  const count = (key: "customers" | "newCustomers" | "activeCustomers" | "orders") => ({
    value: formatNumber(current[key], locale),
    change: relativeChange(current[key], previous[key]),
  });
  const stats = [
    {
      id: "revenue",
      label: "Revenue",
      value: formatMoney(current.revenue, currency, locale),
      change: relativeChange(current.revenue, previous.revenue),
      hint: "Order totals after discounts",
    },
    { id: "orders", label: "Orders", ...count("orders"), hint: "Orders placed in the period" },
    {
      id: "active-customers",
      label: "Active customers",
      ...count("activeCustomers"),
      hint: "Customers with at least one order in the period",
    },
    {
      id: "new-customers",
      label: "New customers",
      ...count("newCustomers"),
      hint: "Customers whose first order ever was in the period",
    },
    {
      id: "customers",
      label: "Customers",
      ...count("customers"),
      hint: "Customers signed up by the end of the period",
    },
    {
      id: "aov",
      label: "Average order value",
      value: formatMoney(current.averageOrderValue, currency, locale),
      change: relativeChange(current.averageOrderValue, previous.averageOrderValue),
      hint: "Revenue divided by orders",
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-4">
      {stats.map((s) => (
        <Stat
          key={s.id}
          testId={`kpi-${s.id}`}
          label={s.label}
          value={s.value}
          change={s.change}
          changeLabel={changeText(s.change, locale)}
          hint={s.hint}
        />
      ))}
      <Stat
        testId="kpi-repeat-rate"
        label="Repeat-purchase rate"
        value={formatPercent(current.repeatPurchaseRate, locale)}
        change={current.repeatPurchaseRate - previous.repeatPurchaseRate}
        changeLabel={pointsText(current.repeatPurchaseRate, previous.repeatPurchaseRate)}
        hint="Share of the period's active customers who have bought at least twice by its end"
      />
    </div>
  );
}
