import {
  responseModel,
  responseModelSources,
  type ResponseModel,
} from "@boomerang/domain/simulation";
import { Card, CardBody, CardHeader, formatPercent } from "@boomerang/ui";

const describe = (key: keyof ResponseModel, model: ResponseModel, locale: string): string => {
  const p = (v: number) => formatPercent(v, locale, 0);
  switch (key) {
    case "frequencyLift":
      return Object.entries(model.frequencyLift)
        .map(([type, v]) => `${type} ${p(v)}`)
        .join(", ");
    case "channels":
      return model.channels
        .map(
          (c) =>
            `${c.channel}: ${c.messagesPerMonth}/month at ${c.costPerMessage} minor units, ${p(c.share)} of members`,
        )
        .join("; ");
    case "referralsPerMember":
      return String(model.referralsPerMember);
    default:
      return p(model[key]);
  }
};

const labels: Record<keyof ResponseModel, string> = {
  enrolmentRate: "Customers who join",
  frequencyLift: "Extra orders per member, by type",
  thresholdLift: "Extra visits of rewarded members",
  redemptionRate: "Orders paid with usable points",
  referralsPerMember: "Friends invited per member",
  referralConversion: "Invited friends who buy",
  channels: "Contact cadence and message cost",
  grossMargin: "Gross margin",
};

const defaults = responseModel.parse({});

/**
 * The behavioural assumptions this comparison used, each with its source; a value the user set
 * is marked and shown beside the documented default.
 */
export function AssumptionsCard({ model: raw, locale }: { model: unknown; locale: string }) {
  const model = responseModel.parse(raw ?? {});
  const changed = (key: keyof ResponseModel): boolean =>
    JSON.stringify(model[key]) !== JSON.stringify(defaults[key]);
  const count = (Object.keys(labels) as (keyof ResponseModel)[]).filter(changed).length;
  return (
    <Card>
      <CardHeader
        title="Assumed behaviour"
        description={`What the assumed figures (incremental orders and revenue, retention change, contact cost) rest on; replayed costs do not depend on it (except points paid). ${count === 0 ? "All documented defaults." : `${count} set for this comparison.`}`}
      />
      <CardBody>
        <dl className="grid gap-3 text-sm md:grid-cols-2">
          {(Object.keys(labels) as (keyof ResponseModel)[]).map((key) => (
            <div key={key} data-testid={`assumption-${key}`}>
              <dt className="font-medium text-slate-800">
                {labels[key]}: <span className="font-normal">{describe(key, model, locale)}</span>
                {changed(key) ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                    set for this comparison
                  </span>
                ) : null}
              </dt>
              <dd className="text-xs text-slate-500">
                {changed(key)
                  ? `Default: ${describe(key, defaults, locale)}. `
                  : "Documented default. "}
                {responseModelSources[key]}
              </dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
