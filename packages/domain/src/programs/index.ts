export type { CommonParams } from "./common-params";
export { commonParams } from "./common-params";
export type {
  DiscountEffect,
  Effect,
  GiftEffect,
  LedgerEntry,
  LedgerKind,
  LedgerUnit,
  NoteEffect,
  TierEffect,
} from "./effects";
export { isLedgerEntry } from "./effects";
export { ineligibleReason } from "./eligibility";
export type { EvaluateContext, EvaluateResult } from "./engine";
export { evaluate, initialState, signupWith } from "./engine";
// For callers folding many events into states they own (a bulk import): no copy per event.
export { applyEvent as applyEventInPlace, createStep } from "./engine";
export { clawBack } from "./ledger";
export type {
  Millis,
  Minor,
  OrderEvent,
  OrderLine,
  ProgramEvent,
  RedeemEvent,
  ReferralEvent,
  RefundEvent,
  SignupEvent,
  TickEvent,
} from "./events";
export type { FieldKind, FieldMeta, FieldSpec, FieldUnit } from "./field-meta";
export { field, fieldsOf } from "./field-meta";
export { availableBalance, pendingBalance } from "./ledger";
export type { ParseResult } from "./parse";
export { createProgram, parseProgramConfig, summarizeProgram } from "./parse";
export type { PreviewCase, PreviewOutcome } from "./preview";
export { describeEffect, previewProgram } from "./preview";
export type {
  AnyProgramType,
  ExampleExpectation,
  Program,
  ProgramExample,
  ProgramType,
  Step,
} from "./program-type";
export { getProgramType, programTypeIds, programTypes } from "./registry";
export type { ReplayOptions, ReplayResult } from "./replay";
export { replay } from "./replay";
export type { CustomerState, Lot, OrderRecord } from "./state";
export {
  CONTROL_HASH_MULTIPLIER,
  controlHash,
  controlMix,
  controlPosition,
  isControl,
  stratifiedControl,
  stratumControlSize,
} from "./control-group";
