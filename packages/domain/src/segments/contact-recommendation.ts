import type { ContactChannel } from "./summary";

/** The practitioners' rule of thumb from the brief: channel and cadence by age group. */
export const ageBandContact = [
  { band: "18-29", minAge: 18, maxAge: 29, channel: "messenger", cadence: "2–3 times a week" },
  { band: "30-44", minAge: 30, maxAge: 44, channel: "email", cadence: "once a week" },
  { band: "45+", minAge: 45, maxAge: null, channel: "sms", cadence: "1–2 times a month" },
] as const satisfies readonly {
  band: string;
  minAge: number;
  maxAge: number | null;
  channel: ContactChannel;
  cadence: string;
}[];
export type AgeBand = (typeof ageBandContact)[number]["band"];

export type ContactRecommendation = {
  band: AgeBand;
  channel: ContactChannel;
  cadence: string;
  share: number;
};

/**
 * The recommendation for a segment follows its largest age band among members of known age (18+).
 * Null when no member has a known adult age.
 */
export function recommendContact(
  membersByBand: Record<AgeBand, number>,
): ContactRecommendation | null {
  const total = ageBandContact.reduce((sum, b) => sum + membersByBand[b.band], 0);
  if (total === 0) return null;
  let best: (typeof ageBandContact)[number] = ageBandContact[0];
  for (const b of ageBandContact) if (membersByBand[b.band] > membersByBand[best.band]) best = b;
  return {
    band: best.band,
    channel: best.channel,
    cadence: best.cadence,
    share: membersByBand[best.band] / total,
  };
}
