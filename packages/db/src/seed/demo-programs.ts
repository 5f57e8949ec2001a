import { createProgram, parseProgramConfig, type Program } from "@boomerang/domain/programs";
import type { ProgramMessage } from "../schema";
import { DAY_MS, monthsBefore } from "./calendar";
import { demoLogins } from "./demo-users";

type Status = "draft" | "active" | "ended";

/**
 * How a program changes its members' behaviour (control-group customers and non-members are never
 * touched): `comeback` is the chance that a member makes one extra purchase in the six weeks after
 * enrolling (answering the welcome message, trying the new rewards), which is what lifts the
 * share of members who buy again; `repeat` is the chance that each purchase a member makes inside
 * the window is followed by one more within four weeks, which raises orders per member.
 */
export type ProgramEffect = { comeback: number; repeat: number };

export const noEffect: ProgramEffect = { comeback: 0, repeat: 0 };

/** A demo program as the designer would have left it, plus how it changes its members' behaviour. */
export type DemoProgram = {
  id: number;
  name: string;
  type: string;
  status: Status;
  /** Stored configuration: parsed by the catalog's schema, defaults filled. */
  config: Record<string, unknown>;
  storeIds: number[];
  controlShareBp: number;
  startsAt: number | null;
  endsAt: number | null;
  createdAt: number;
  activatedAt: number | null;
  endedAt: number | null;
  /** Bumped by every save and transition, as the designer does. */
  revision: number;
  messages: ProgramMessage[];
  effect: ProgramEffect;
  /** Share of a member's orders on which they ask to pay with what they have (points or bonus). */
  redeemShare: number;
  /** The compiled program the engine replays members' orders through; null for drafts. */
  engine: Program | null;
};

/** Who created the demo programs: the demo marketer (user ids follow the demo logins, from 1). */
export const demoMarketerId = demoLogins.findIndex((l) => l.role === "marketer") + 1;

/** Milano Centrale: the store of the stamp-card pilot (no control group). */
const pilotStoreIds = [1];

type Spec = Omit<DemoProgram, "config" | "engine" | "revision"> & {
  params: Record<string, unknown>;
};

/** The engine's parameters as the designer stores them: the type's fields plus the row's rules. */
function storedConfig(spec: Spec): Record<string, unknown> {
  const parsed = parseProgramConfig(spec.type, {
    ...spec.params,
    segments: [],
    startsAt: spec.startsAt,
    endsAt: spec.endsAt,
    channels: [],
    stores: spec.storeIds.map(String),
    budgetCap: 0,
  });
  if (!parsed.ok)
    throw new Error(`Demo program "${spec.name}" is not valid: ${parsed.errors.join("; ")}`);
  return parsed.value;
}

function finish(spec: Spec): DemoProgram {
  const config = storedConfig(spec);
  let engine: Program | null = null;
  if (spec.status !== "draft") {
    const compiled = createProgram(spec.type, config);
    if (!compiled.ok) throw new Error(`Demo program "${spec.name}" does not compile`);
    engine = compiled.value;
  }
  const { params: _params, ...row } = spec;
  // Created at 1, activated +1, ended +1.
  const revision = 1 + (spec.activatedAt !== null ? 1 : 0) + (spec.endedAt !== null ? 1 : 0);
  return { ...row, config, engine, revision };
}

/**
 * The demo's programs, dated relative to `asOf` (start of a UTC day): a points program running for
 * a year with a 10% control group that works, a cashback that ran for a year with a 10% control
 * group and changed nothing, a stamp-card pilot in one store without a control group (for the
 * difference-in-differences view), and two drafts. Ids are fixed so the control-group hash is known
 * while customers are generated.
 */
export function demoPrograms(asOf: number): DemoProgram[] {
  const pointsStart = monthsBefore(asOf, 12);
  const cashbackStart = monthsBefore(asOf, 22);
  const cashbackEnd = monthsBefore(asOf, 10);
  const pilotStart = monthsBefore(asOf, 6);
  const specs: Spec[] = [
    {
      id: 1,
      name: "Punti Boomerang",
      type: "points",
      status: "active",
      params: {
        earnPoints: 1,
        earnPer: 100,
        pointValue: 1,
        minRedemption: 500,
        maxRedeemPercent: 50,
        pendingDays: 14,
        expiryDays: 365,
      },
      storeIds: [],
      controlShareBp: 1000,
      startsAt: pointsStart,
      endsAt: null,
      createdAt: pointsStart - 21 * DAY_MS,
      activatedAt: pointsStart,
      endedAt: null,
      messages: [
        {
          trigger: "welcome",
          channel: "email",
          text: "Benvenuto in Punti Boomerang: 1 punto per ogni euro, 500 punti valgono 5 €.",
        },
        {
          trigger: "reward_earned",
          channel: "sms",
          text: "Hai 500 punti: alla prossima spesa valgono 5 € di sconto.",
        },
        {
          trigger: "reminder",
          channel: "email",
          text: "I tuoi punti scadono tra 30 giorni: usali alla prossima spesa.",
        },
      ],
      // About +7 points (+12–18%) on the share of members who buy again within 8–26 weeks.
      effect: { comeback: 0.13, repeat: 0.08 },
      redeemShare: 0.5,
    },
    {
      id: 2,
      name: "Cashback 2%",
      type: "cashback",
      status: "ended",
      params: {
        percentBack: 2,
        withdrawable: false,
        pendingDays: 14,
        expiryDays: 180,
        maxRedeemPercent: 100,
      },
      storeIds: [],
      controlShareBp: 1000,
      startsAt: cashbackStart,
      endsAt: cashbackEnd,
      createdAt: cashbackStart - 14 * DAY_MS,
      activatedAt: cashbackStart,
      endedAt: cashbackEnd,
      messages: [
        {
          trigger: "welcome",
          channel: "email",
          text: "Da oggi il 2% di ogni spesa torna a te come bonus da usare sui prossimi acquisti.",
        },
        {
          trigger: "reward_earned",
          channel: "email",
          text: "Il tuo bonus cashback è disponibile.",
        },
      ],
      effect: noEffect,
      redeemShare: 0.4,
    },
    {
      id: 3,
      name: "Carta Caffè Milano",
      type: "stamp-card",
      status: "active",
      params: {
        stampsRequired: 8,
        countBy: "item",
        categories: ["coffee"],
        rewardName: "Caffè in grani 250 g",
        rewardValue: 450,
      },
      storeIds: pilotStoreIds,
      controlShareBp: 0,
      startsAt: pilotStart,
      endsAt: null,
      createdAt: pilotStart - 10 * DAY_MS,
      activatedAt: pilotStart,
      endedAt: null,
      messages: [
        {
          trigger: "welcome",
          channel: "messenger",
          text: "Un timbro per ogni caffè acquistato a Milano Centrale: l'ottavo è in regalo.",
        },
      ],
      effect: { comeback: 0.06, repeat: 0.05 },
      redeemShare: 0,
    },
    {
      id: 4,
      name: "Club VIP",
      type: "vip-tiers",
      status: "draft",
      params: {},
      storeIds: [],
      controlShareBp: 1000,
      startsAt: asOf + 30 * DAY_MS,
      endsAt: null,
      createdAt: asOf - 9 * DAY_MS,
      activatedAt: null,
      endedAt: null,
      messages: [],
      effect: noEffect,
      redeemShare: 0,
    },
    {
      id: 5,
      name: "Porta un amico",
      type: "referral",
      status: "draft",
      params: {},
      storeIds: [],
      controlShareBp: 1000,
      startsAt: null,
      endsAt: null,
      createdAt: asOf - 3 * DAY_MS,
      activatedAt: null,
      endedAt: null,
      messages: [
        {
          trigger: "welcome",
          channel: "email",
          text: "Invita un amico: quando fa la prima spesa, ricevete entrambi un premio.",
        },
      ],
      effect: noEffect,
      redeemShare: 0,
    },
  ];
  return specs.map(finish);
}

/** The instant a program stopped (or stops) applying to orders: its end, else the data's "now". */
export const windowEnd = (program: DemoProgram, asOf: number): number =>
  Math.min(program.endedAt ?? program.endsAt ?? asOf, asOf);
