import { getProgramType } from "@boomerang/domain/programs";
import {
  responseModel,
  responseModelSources,
  type ResponseModel,
} from "@boomerang/domain/simulation";

/** One editable number of the response model, at its path in the model. */
export type AssumptionField = {
  key: string;
  path: readonly (string | number)[];
  label: string;
  /** Shown and typed as a percentage, stored as a share. */
  percent: boolean;
  source: string;
};

export type AssumptionValues = Record<string, string>;

export const defaultModel: ResponseModel = responseModel.parse({});

const keyOf = (path: readonly (string | number)[]): string => path.join(".");

const field = (
  path: readonly (string | number)[],
  label: string,
  percent: boolean,
  source: string,
): AssumptionField => ({ key: keyOf(path), path, label, percent, source });

/**
 * The assumptions a user can edit for these candidates' types: the lift of each type in play, the
 * threshold, redemption, referral and margin figures, and each channel's cadence and cost.
 */
export function assumptionFields(typeIds: readonly string[]): AssumptionField[] {
  const s = responseModelSources;
  const types = [...new Set(typeIds)];
  return [
    ...types.map((t) =>
      field(
        ["frequencyLift", t],
        `Extra orders per member: ${getProgramType(t)?.name ?? t} (%)`,
        true,
        s.frequencyLift,
      ),
    ),
    field(["thresholdLift"], "Extra visits of rewarded members (%)", true, s.thresholdLift),
    field(["redemptionRate"], "Orders paid with usable points (%)", true, s.redemptionRate),
    field(["referralsPerMember"], "Friends invited per member", false, s.referralsPerMember),
    field(["referralConversion"], "Invited friends who buy (%)", true, s.referralConversion),
    field(["enrolmentRate"], "Customers who join (%)", true, s.enrolmentRate),
    field(["grossMargin"], "Gross margin (%)", true, s.grossMargin),
    ...defaultModel.channels.flatMap((c, i) => [
      field(
        ["channels", i, "messagesPerMonth"],
        `${c.channel}: messages a month`,
        false,
        s.channels,
      ),
      field(
        ["channels", i, "costPerMessage"],
        `${c.channel}: cost per message (minor units)`,
        false,
        s.channels,
      ),
    ]),
  ];
}

const at = (model: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>(
    (node, step) =>
      node !== null && typeof node === "object"
        ? (node as Record<string, unknown>)[step]
        : undefined,
    model,
  );

// Percentages keep two decimals of a percent; shares go back exactly as typed over 100.
const shown = (value: number, percent: boolean): string =>
  percent ? String(Math.round(value * 10_000) / 100) : String(value);

/** The fields' values as typed text, from a model (the defaults, or a saved comparison's). */
export function valuesOf(
  model: ResponseModel,
  fields: readonly AssumptionField[],
): AssumptionValues {
  const values: AssumptionValues = {};
  for (const f of fields) {
    const value = at(model, f.path);
    values[f.key] = typeof value === "number" ? shown(value, f.percent) : "0";
  }
  return values;
}

/** The default of one field, as it is shown. */
export const defaultShown = (f: AssumptionField): string => {
  const value = at(defaultModel, f.path);
  return typeof value === "number" ? shown(value, f.percent) : "0";
};

/**
 * The model from the typed values (the defaults for anything not edited), checked by the same zod
 * schema as the server, with one message per field key.
 */
export function modelFromValues(
  values: AssumptionValues,
  fields: readonly AssumptionField[],
): { ok: true; model: ResponseModel } | { ok: false; errors: Record<string, string> } {
  const draft = structuredClone(defaultModel) as unknown as Record<string, unknown>;
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const text = (values[f.key] ?? "").trim().replace(",", ".");
    const number = text === "" ? Number.NaN : Number(text);
    if (!Number.isFinite(number)) {
      errors[f.key] = "Enter a number.";
      continue;
    }
    const parent = at(draft, f.path.slice(0, -1)) as Record<string | number, unknown>;
    parent[f.path[f.path.length - 1] as string | number] = f.percent ? number / 100 : number;
  }
  const parsed = responseModel.safeParse(draft);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = keyOf(issue.path as (string | number)[]);
      const f = fields.find((x) => x.key === key);
      const bound =
        issue.code === "too_big"
          ? `At most ${f?.percent ? `${Number(issue.maximum) * 100}%` : String(issue.maximum)}.`
          : issue.code === "too_small"
            ? `At least ${f?.percent ? `${Number(issue.minimum) * 100}%` : String(issue.minimum)}.`
            : issue.message;
      errors[key] ??= bound;
    }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, model: parsed.data! };
}

/** True when the model differs from the documented defaults somewhere. */
export const isEdited = (model: ResponseModel): boolean =>
  JSON.stringify(model) !== JSON.stringify(defaultModel);
