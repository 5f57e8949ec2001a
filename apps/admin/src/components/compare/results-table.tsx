import type { CandidateResult } from "@boomerang/domain/simulation";
import { Badge } from "@boomerang/ui";
import { metricRows, type Format } from "./metric-rows";

/** Candidates side by side: the estimate and, beneath it, the 90% interval over customers. */
export function ResultsTable({
  candidates,
  format,
}: {
  candidates: readonly CandidateResult[];
  format: Format;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-sm">
        <caption className="sr-only">Candidates side by side, with 90% intervals</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="py-2 pr-4 font-medium text-slate-600">
              Figure
            </th>
            {candidates.map((c) => (
              <th key={c.label} scope="col" className="py-2 pr-4 font-semibold text-slate-900">
                {c.label}
                <span className="block text-xs font-normal text-slate-500">{c.typeName}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {metricRows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-2 pr-4 text-left font-normal text-slate-700">
                {row.label}{" "}
                <Badge tone={row.basis === "fact" ? "teal" : "amber"}>
                  {row.basis === "fact" ? "replayed" : "assumed"}
                </Badge>
              </th>
              {candidates.map((c) => {
                const value = c.metrics[row.key];
                const interval = c.intervals[row.key];
                return (
                  <td key={c.label} className="py-2 pr-4 tabular-nums text-slate-900">
                    {value === null ? "—" : row.format(value, format)}
                    {interval ? (
                      <span className="block text-xs text-slate-500">
                        {row.format(interval.low, format)} to {row.format(interval.high, format)}
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="align-top">
            <th scope="row" className="py-2 pr-4 text-left font-normal text-slate-700">
              Payback <Badge tone="amber">assumed</Badge>
            </th>
            {candidates.map((c) => (
              <td key={c.label} className="py-2 pr-4 text-slate-900">
                {c.series.paybackMonths === null
                  ? "Not within the period"
                  : `${c.series.paybackMonths} months`}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
