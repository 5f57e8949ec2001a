import { Badge, EmptyState, formatNumber, formatPercent } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./store-kpis";

type Programs = RouterOutputs["storeKpis"]["get"]["programs"];

export function StorePrograms({
  programs,
  business,
}: {
  programs: Programs;
  business: BusinessFormat;
}) {
  if (programs.length === 0) return <EmptyState title="No program has run in this store yet" />;
  const n = (v: number) => formatNumber(v, business.locale);
  return (
    <table className="w-full text-sm" aria-label="Programs">
      <thead className="text-left text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-1">
            Program
          </th>
          <th scope="col" className="py-1 text-right">
            Members
          </th>
          <th scope="col" className="py-1 text-right">
            Points issued
          </th>
          <th scope="col" className="py-1 text-right">
            Redeemed
          </th>
          <th scope="col" className="py-1 text-right">
            Redemption
          </th>
        </tr>
      </thead>
      <tbody>
        {programs.map((p) => (
          <tr key={p.programId} className="border-t border-slate-100">
            <th scope="row" className="py-1 text-left font-medium">
              {p.name} <Badge>{p.status}</Badge>
            </th>
            <td className="py-1 text-right tabular-nums">{n(p.members)}</td>
            <td className="py-1 text-right tabular-nums">{n(p.pointsIssued)}</td>
            <td className="py-1 text-right tabular-nums">{n(p.pointsRedeemed)}</td>
            <td className="py-1 text-right tabular-nums">
              {p.pointsIssued > 0
                ? formatPercent(p.pointsRedeemed / p.pointsIssued, business.locale)
                : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
