import {
  commonParams,
  createProgram,
  fieldsOf,
  getProgramType,
  parseProgramConfig,
  type FieldSpec,
} from "@boomerang/domain/programs";

export type CandidateDraft = {
  label: string;
  typeId: string;
  params: Record<string, unknown>;
  /** The saved program it was loaded from; dropped once the type changes. */
  programId?: number;
};

/** A saved program as the compare page offers it (compare.programOptions). */
export type SavedProgram = {
  id: number;
  name: string;
  type: string;
  status: string;
  params: Record<string, unknown>;
  segmentId: number | null;
  segmentName: string | null;
};

const commonKeys = new Set(Object.keys(commonParams.shape));

/** The type's own parameters (targeting and caps keep their defaults in a comparison). */
export function ownFields(typeId: string): FieldSpec[] {
  const type = getProgramType(typeId);
  return type ? fieldsOf(type.schema).filter((f) => !commonKeys.has(f.key)) : [];
}

export function draftFor(typeId: string, label: string): CandidateDraft {
  const parsed = parseProgramConfig(typeId, {});
  const defaults = parsed.ok ? parsed.value : {};
  const params = Object.fromEntries(ownFields(typeId).map((f) => [f.key, defaults[f.key]]));
  return { label, typeId, params };
}

/**
 * A saved program as a candidate: its type and its own parameters (own fields the current schema
 * no longer has are dropped; missing ones take their defaults), named after the program.
 */
export function draftFromProgram(program: SavedProgram, taken: readonly string[]): CandidateDraft {
  const base = draftFor(program.type, program.name);
  const params = Object.fromEntries(
    Object.entries(base.params).map(([key, value]) => [key, program.params[key] ?? value]),
  );
  return {
    label: freshLabel(program.name, taken),
    typeId: program.type,
    params,
    programId: program.id,
  };
}

/** Errors by parameter key, from the same schema the server checks. */
export function draftErrors(draft: CandidateDraft): Record<string, string> {
  const program = createProgram(draft.typeId, draft.params);
  if (program.ok) return {};
  const errors: Record<string, string> = {};
  for (const message of program.errors) {
    const colon = message.indexOf(": ");
    const key = colon > 0 ? (message.slice(0, colon).split(".")[0] ?? "") : "";
    errors[key] = colon > 0 ? message.slice(colon + 2) : message;
  }
  return errors;
}

/** A name not yet used by another candidate: "Points / bonus", then "Points / bonus 2". */
export function freshLabel(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}
