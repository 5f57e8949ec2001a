import type { z } from "zod";
import { compileCommon } from "./eligibility";
import type { Program } from "./program-type";
import { getProgramType, programTypeIds } from "./registry";

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

const readable = (issues: readonly z.core.$ZodIssue[]): string[] =>
  issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  );

const unknownType = (typeId: string): ParseResult<never> => ({
  ok: false,
  errors: [`unknown program type "${typeId}"; known types: ${programTypeIds.join(", ")}`],
});

/** Validates raw parameters (a form, a database row) and fills defaults. Never throws. */
export const parseProgramConfig = (
  typeId: string,
  raw: unknown,
): ParseResult<Record<string, unknown>> => {
  const type = getProgramType(typeId);
  if (type === undefined) return unknownType(typeId);
  const parsed = type.schema.safeParse(raw ?? {});
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: readable(parsed.error.issues) };
};

/** Parses and compiles once; the result is what `evaluate`, `replay` and `previewProgram` take. */
export const createProgram = (typeId: string, raw: unknown): ParseResult<Program> => {
  const type = getProgramType(typeId);
  if (type === undefined) return unknownType(typeId);
  const parsed = type.schema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, errors: readable(parsed.error.issues) };
  const params = parsed.data;
  return {
    ok: true,
    value: {
      typeId,
      params,
      type,
      compiled: type.compile(params),
      common: compileCommon(params),
      unit: type.unit(params),
    },
  };
};

/** The one-line description of a configured program, e.g. for the program list. */
export const summarizeProgram = (typeId: string, raw: unknown): ParseResult<string> => {
  const type = getProgramType(typeId);
  if (type === undefined) return unknownType(typeId);
  const parsed = type.schema.safeParse(raw ?? {});
  return parsed.success
    ? { ok: true, value: type.summarize(parsed.data) }
    : { ok: false, errors: readable(parsed.error.issues) };
};
