import { DAY_MS } from "./calendar";
import { catchment, categories, demoStores } from "./catalog";
import { emailPart, femaleFirstNames, lastNames, maleFirstNames, neutralFirstNames } from "./names";
import type { Rng } from "./prng";
import type { ContactChannel, CustomerRow, Gender } from "./rows";

/** Hidden behaviour behind a customer row: what drives their orders and events. */
export type Behaviour = {
  segment: "loyal" | "regular" | "occasional";
  /** BG/NBD purchase rate while alive, purchases per day. */
  rate: number;
  /** BG/NBD chance of dropping out after each purchase. */
  dropout: number;
  /** Gamma-Gamma-like mean spend per order, cents. */
  meanSpend: number;
  onlineShare: number;
  favourites: readonly string[];
  /** Chance of opening a marketing message. */
  openRate: number;
};

export type Span = { start: number; asOf: number };

// Latent classes, each with its own Gamma (rate) and Beta (dropout) heterogeneity, tuned so ~60% of
// buyers buy once, a ~10% core shops about weekly, and the rest lapse after a few visits.
const segments = [
  ["loyal", 0.1],
  ["regular", 0.27],
  ["occasional", 0.63],
] as const;

function behaviourFor(rng: Rng, age: number): Behaviour {
  const segment = rng.weighted(segments);
  const [shape, meanDays, a, b] =
    segment === "loyal"
      ? [4, 4, 1, 90]
      : segment === "regular"
        ? [2.5, 18, 1, 16]
        : [1.5, 75, 10, 1.8];
  const rate = rng.gamma(shape, 1 / meanDays / shape);
  const dropout = rng.beta(a, b);
  const meanSpend = Math.max(900, Math.round(rng.gamma(3.5, 4500 / 3.5)));
  const onlineBase = age < 30 ? 0.4 : age < 45 ? 0.3 : age < 60 ? 0.17 : 0.1;
  const onlineShare = rng.beta(onlineBase * 6, (1 - onlineBase) * 6);
  const favourites = [0, 1, 2].map(() =>
    rng.weighted(categories.map((c) => [c.name, c.weight] as const)),
  );
  return { segment, rate, dropout, meanSpend, onlineShare, favourites, openRate: rng.beta(3, 7) };
}

const ageBands: readonly (readonly [readonly [number, number], number])[] = [
  [[18, 29], 22],
  [[30, 44], 30],
  [[45, 59], 28],
  [[60, 75], 20],
];

// The brief's rule of thumb: 18–30 messengers, 30–45 email, 45+ SMS; some people differ.
function preferredChannel(rng: Rng, age: number): ContactChannel {
  const byAge: ContactChannel = age < 30 ? "messenger" : age < 45 ? "email" : "sms";
  if (rng.chance(0.85)) return byAge;
  return rng.weighted<ContactChannel>([
    ["email", 4],
    ["sms", 2],
    ["messenger", 2],
    ["push", 1],
  ]);
}

function birthDate(rng: Rng, asOf: number, age: number): string {
  const d = new Date(asOf);
  const birthday = Date.UTC(d.getUTCFullYear() - age, d.getUTCMonth(), d.getUTCDate());
  return new Date(birthday - rng.int(0, 364) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Sign-ups: the first 20% of ids joined in the two years before the span, the rest across the span
 * with growth (density rising 60% from start to end). Ids follow sign-up order, as in real systems.
 */
function signUpAt(rng: Rng, index: number, total: number, span: Span): number {
  const u = (index + rng.next()) / total;
  const early = 0.2;
  if (u < early) return span.start - (1 - u / early) * 730 * DAY_MS;
  const v = (u - early) / (1 - early);
  const g = 0.6;
  const x = (-1 + Math.sqrt(1 + 2 * g * v * (1 + g / 2))) / g;
  return Math.floor(span.start + x * (span.asOf - span.start - DAY_MS));
}

export function customerProfile(
  rng: Rng,
  index: number,
  total: number,
  span: Span,
): { customer: CustomerRow; behaviour: Behaviour } {
  const id = index + 1;
  const [lo, hi] = rng.weighted(ageBands);
  const age = rng.int(lo, hi);
  const gender = rng.weighted<Gender>([
    ["female", 52],
    ["male", 45],
    ["other", 3],
  ]);
  const first = rng.pick(
    gender === "female" ? femaleFirstNames : gender === "male" ? maleFirstNames : neutralFirstNames,
  );
  const last = rng.pick(lastNames);
  const area = rng.weighted(catchment.map((c) => [c, c.weight] as const));
  const store = demoStores.find((s) => s.id === area.storeId)!;
  const channel = preferredChannel(rng, age);
  const consent = (c: ContactChannel, other: number): boolean =>
    rng.chance(channel === c ? 0.9 : other);
  const email = rng.chance(0.96) ? `${emailPart(first)}.${emailPart(last)}${id}@example.com` : null;
  const phone = rng.chance(0.9)
    ? `+393${rng.int(20, 99)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`
    : null;
  const customer: CustomerRow = {
    id,
    externalId: `C${String(id).padStart(7, "0")}`,
    name: `${first} ${last}`,
    // The id keeps emails unique without a lookup, at any scale.
    email,
    phone,
    birthDate: birthDate(rng, span.asOf, age),
    gender,
    city: rng.pick(area.towns),
    region: store.region,
    preferredChannel: channel,
    // Nobody consents to a channel we cannot reach them on.
    consentEmail: consent("email", 0.35) && email !== null,
    consentSms: consent("sms", 0.2) && phone !== null,
    consentMessenger: consent("messenger", 0.2) && phone !== null,
    consentPush: consent("push", 0.15),
    signedUpAt: signUpAt(rng, index, total, span),
    homeStoreId: store.id,
  };
  return { customer, behaviour: behaviourFor(rng, age) };
}
