import { EmptyState, formatDay, formatNumber } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./store-kpis";

type Segments = RouterOutputs["storeKpis"]["get"]["topSegments"];

export function StoreSegments({
  segments,
  business,
}: {
  segments: Segments;
  business: BusinessFormat;
}) {
  if (segments.length === 0)
    return <EmptyState title="No segment snapshot includes this store's customers yet" />;
  return (
    <table className="w-full text-sm" aria-label="Top segments">
      <thead className="text-left text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-1">
            Segment
          </th>
          <th scope="col" className="py-1 text-right">
            Home customers
          </th>
          <th scope="col" className="py-1 text-right">
            Snapshot of
          </th>
        </tr>
      </thead>
      <tbody>
        {segments.map((s) => (
          <tr key={s.segmentId} className="border-t border-slate-100">
            <th scope="row" className="py-1 text-left font-medium">
              {s.name}
            </th>
            <td className="py-1 text-right tabular-nums">
              {formatNumber(s.members, business.locale)}
            </td>
            <td className="py-1 text-right">{formatDay(s.asOf.slice(0, 10), business.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
