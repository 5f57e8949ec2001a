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

/** The behavioural assumptions this comparison used, each with its source. */
export function AssumptionsCard({ model: raw, locale }: { model: unknown; locale: string }) {
  const model = responseModel.parse(raw ?? {});
  return (
    <Card>
      <CardHeader
        title="Assumed behaviour"
        description="What the incremental figures rest on. Replayed costs do not depend on it (except points paid)."
      />
      <CardBody>
        <dl className="grid gap-3 text-sm md:grid-cols-2">
          {(Object.keys(labels) as (keyof ResponseModel)[]).map((key) => (
            <div key={key}>
              <dt className="font-medium text-slate-800">
                {labels[key]}: <span className="font-normal">{describe(key, model, locale)}</span>
              </dt>
              <dd className="text-xs text-slate-500">{responseModelSources[key]}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
