import type { ComparisonResult } from "@boomerang/domain/simulation";
import { objectiveLabels } from "@boomerang/domain/simulation";
import { Card, CardBody, CardHeader, formatMoney, formatPercent } from "@boomerang/ui";
import type { Format } from "./metric-rows";

/** The catalog's strengths and weaknesses beside each candidate, and how its score moves with the assumptions. */
export function CandidateNotes({ result, format }: { result: ComparisonResult; format: Format }) {
  const show = (v: number | null): string =>
    v === null
      ? "—"
      : result.objective === "revenue"
        ? formatMoney(Math.round(v), format.currency, format.locale)
        : formatPercent(v, format.locale, result.objective === "roi" ? 0 : 2);
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      {result.candidates.map((c) => (
        <Card key={c.label}>
          <CardHeader title={c.label} description={c.summary} />
          <CardBody className="space-y-3 text-sm">
            <div>
              <p className="font-medium text-slate-700">Strengths</p>
              <ul className="list-disc pl-5 text-slate-700">
                {c.strengths.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
            <div>
              <p className="font-medium text-slate-700">Weaknesses</p>
              <ul className="list-disc pl-5 text-slate-700">
                {c.weaknesses.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
            <p className="text-slate-600">
              {objectiveLabels[result.objective]}: {show(c.sensitivity.low)} if assumed behaviour is
              halved, {show(c.sensitivity.base)} as assumed, {show(c.sensitivity.high)} at 1.5
              times. First in {formatPercent(c.bestShare, format.locale, 0)} of resamples.
            </p>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
