import { EmptyState, formatMonth, formatNumber, formatPercent } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./store-kpis";

type Cohort = RouterOutputs["storeKpis"]["get"]["cohorts"][number];

/** A retention heatmap as a table: darker cells keep more of their cohort; months not yet lived are blank. */
export function StoreCohortTable({
  cohorts,
  business,
}: {
  cohorts: Cohort[];
  business: BusinessFormat;
}) {
  if (cohorts.length === 0)
    return (
      <EmptyState title="No first purchases by this store's home customers in these twelve months" />
    );
  const last = cohorts[cohorts.length - 1]!.month;
  const monthsBetween = (a: string, b: string) =>
    (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 +
    Number(b.slice(5, 7)) -
    Number(a.slice(5, 7));
  return (
    <table className="w-full text-xs tabular-nums" aria-label="Cohort retention">
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="px-1 py-1 text-left">
            Cohort
          </th>
          <th scope="col" className="px-1 py-1 text-right">
            Customers
          </th>
          {cohorts[0]!.active.slice(1).map((_, k) => (
            <th key={k} scope="col" className="px-1 py-1 text-right">
              M{k + 1}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cohorts.map((c) => {
          const lived = monthsBetween(c.month, last);
          return (
            <tr key={c.month}>
              <th scope="row" className="px-1 py-1 text-left font-medium">
                {formatMonth(c.month, business.locale)}
              </th>
              <td className="px-1 py-1 text-right">{formatNumber(c.customers, business.locale)}</td>
              {c.active.slice(1).map((active, i) => {
                if (i + 1 > lived) return <td key={i} />;
                const share = c.customers > 0 ? active / c.customers : 0;
                return (
                  <td
                    key={i}
                    className="px-1 py-1 text-right"
                    style={{
                      background: `rgba(15, 118, 110, ${Math.min(0.85, share * 2.5).toFixed(2)})`,
                      color: share > 0.2 ? "white" : undefined,
                    }}
                    title={`${formatNumber(active, business.locale)} of ${formatNumber(c.customers, business.locale)}`}
                  >
                    {formatPercent(share, business.locale, 0)}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
