import { createProgram, parseProgramConfig, type Program } from "@boomerang/domain/programs";
import { invalid } from "../../errors";
import type { ProgramInput } from "./program-input";
import { rowOwnedParams } from "./program-input";

type Targeting = Pick<
  ProgramInput,
  "config" | "targetStoreIds" | "channels" | "startsAt" | "endsAt" | "budgetCap"
>;

/** Our sales channels in the engine's words: an in-store order is "store" there. */
const engineChannel = { online: "online", offline: "store" } as const;

/**
 * The engine's parameters: the type's own fields from the form plus the rules the program row owns.
 * Segment membership is settled at enrollment, so the engine sees no segment filter.
 */
export function engineParams(input: Targeting): Record<string, unknown> {
  const own = Object.fromEntries(
    Object.entries(input.config).filter(
      ([key]) => !(rowOwnedParams as readonly string[]).includes(key),
    ),
  );
  const allChannels = input.channels.length === 2;
  return {
    ...own,
    segments: [],
    startsAt: input.startsAt?.getTime() ?? null,
    endsAt: input.endsAt?.getTime() ?? null,
    channels: allChannels ? [] : input.channels.map((c) => engineChannel[c]),
    stores: input.targetStoreIds.map(String),
    budgetCap: input.budgetCap ?? 0,
  };
}

/** "stampsRequired: Too small…" → { "config.stampsRequired": ["Too small…"] }, for the form's inline messages. */
export function configFieldErrors(errors: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const colon = error.indexOf(": ");
    const key = colon > 0 ? `config.${error.slice(0, colon)}` : "config";
    const message = colon > 0 ? error.slice(colon + 2) : error;
    (out[key] ??= []).push(message);
  }
  return out;
}

/** The validated, defaults-filled parameters to store; refuses with field-by-field messages. */
export function validatedConfig(type: string, input: Targeting): Record<string, unknown> {
  const parsed = parseProgramConfig(type, engineParams(input));
  if (!parsed.ok)
    throw invalid(`The ${type} parameters are not valid: ${parsed.errors.join("; ")}`, {
      fieldErrors: configFieldErrors(parsed.errors),
    });
  return parsed.value;
}

/** The compiled program for a stored configuration (for its unit and the preview). */
export function compiledProgram(type: string, config: Record<string, unknown>): Program {
  const program = createProgram(type, config);
  if (!program.ok)
    throw invalid(
      `The stored ${type} configuration is no longer valid: ${program.errors.join("; ")}`,
    );
  return program.value;
}
