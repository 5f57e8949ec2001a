import type { z } from "zod";
import type { CommonParams } from "./common-params";
import type { Effect, LedgerUnit } from "./effects";
import type {
  Millis,
  Minor,
  OrderEvent,
  ProgramEvent,
  RedeemEvent,
  ReferralEvent,
  RefundEvent,
  SignupEvent,
  TickEvent,
} from "./events";
import type { CompiledCommon } from "./eligibility";
import type { LedgerColumns } from "./ledger-columns";
import type { CustomerState, OrderRecord } from "./state";

/**
 * The working context of one evaluation. Handlers mutate `state` and push to `out`; the engine
 * owns both (evaluate works on a copy), which keeps the hot path free of per-event copies.
 */
export interface Step<K = unknown, X = unknown> {
  readonly k: K;
  readonly common: CompiledCommon;
  readonly unit: LedgerUnit;
  state: CustomerState<X>;
  out: Effect[];
  /**
   * Does the caller see effects other than ledger entries (`evaluate`, the preview, `replay` with
   * `keepEffects`)? When not, handlers write no discount, gift, tier or note effects and skip
   * building their reason strings: nobody would read them.
   */
  readonly explain: boolean;
  /** A bulk replay's ledger columns: ledger entries go there instead of into `out`. */
  readonly ledger: LedgerColumns | null;
  /**
   * Orders before this instant get no refund record: the replay folding this customer knows none
   * of their events is a refund and their last event prunes such records anyway. -Infinity when
   * unknown (`evaluate`, a budget-capped replay), i.e. every order inside the window is recorded.
   */
  recordsFrom: Millis;
  /** Reward cost already spent across all customers, minor units (the budget cap's counter). */
  budgetUsed: Minor;
  /**
   * When the current event happened. Equal to its `at` but for a late event (older than the
   * customer's last one), which the engine applies as of that last event: handlers then give no
   * checkout discount (the order is paid already) and judge time windows by when it happened.
   */
  happened: Millis;
  /** Order scratch, reset per order and turned into the order's record by the engine. */
  order: OrderScratch;
}

export interface OrderScratch {
  /** What the customer still pays after discounts and points, on eligible lines, minor units. */
  net: Minor;
  /** What the customer pays in money for the whole order, minor units. */
  paid: Minor;
  earned: number;
  lotId: string | null;
  cost: Minor;
  units: number;
}

/** A documented behaviour: the example runner replays `events` and checks `expect`. */
export interface ProgramExample {
  readonly title: string;
  readonly params: Record<string, unknown>;
  readonly events: readonly ProgramEvent[];
  readonly expect: ExampleExpectation;
}

export interface ExampleExpectation {
  /** Sum of discounts over all events, minor units. */
  readonly discount?: Minor;
  /** Available ledger balance after the last event (points or money). */
  readonly available?: number;
  readonly pending?: number;
  readonly gifts?: readonly string[];
  readonly tier?: string | null;
}

/**
 * One program type. Methods (not arrow properties) keep the registry's heterogeneous types
 * assignable to `AnyProgramType`.
 */
export interface ProgramType<P extends CommonParams = CommonParams, K = unknown, X = unknown> {
  readonly id: string;
  readonly name: string;
  /** One paragraph in the marketer's words. */
  readonly description: string;
  readonly strengths: readonly string[];
  readonly weaknesses: readonly string[];
  readonly schema: z.ZodType<P>;
  readonly examples: readonly ProgramExample[];
  /** "1 point per 10 spent, 100 points = 5 off, points expire after 365 days". */
  summarize(params: P): string;
  /** Precomputes what the hot path needs (basis points, sets): runs once per program. */
  compile(params: P): K;
  /** What the program's ledger counts. */
  unit(params: P): LedgerUnit;
  initialExt(): X;
  /** Called for eligible orders; `step.order.net` already excludes excluded lines. */
  onOrder(step: Step<K, X>, order: OrderEvent): void;
  onRefund?(
    step: Step<K, X>,
    refund: RefundEvent,
    record: OrderRecord,
    refundedBefore: Minor,
  ): void;
  onSignup?(step: Step<K, X>, event: SignupEvent): void;
  onReferral?(step: Step<K, X>, event: ReferralEvent): void;
  onRedeem?(step: Step<K, X>, event: RedeemEvent): void;
  onTick?(step: Step<K, X>, event: TickEvent): void;
}

export type AnyProgramType = ProgramType<CommonParams, unknown, unknown>;

/** A parsed, compiled program: what `evaluate` and `replay` take. Store `typeId` + `params`. */
export interface Program<P extends CommonParams = CommonParams> {
  readonly typeId: string;
  readonly params: P;
  readonly type: AnyProgramType;
  readonly compiled: unknown;
  readonly common: CompiledCommon;
  readonly unit: LedgerUnit;
}
