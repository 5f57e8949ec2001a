import { z } from "zod";
import { responseModel } from "./response-model";

export const candidateInput = z.object({
  label: z.string().trim().min(1, "give each candidate a name").max(80),
  typeId: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  /** The saved program this candidate was loaded from, if any (its configuration was copied). */
  programId: z.number().int().positive().optional(),
});

export const objectives = ["roi", "retention", "revenue"] as const;

export const comparisonInput = z.object({
  candidates: z
    .array(candidateInput)
    .min(2, "compare at least 2 candidates")
    .max(4, "compare at most 4 candidates")
    .refine((list) => new Set(list.map((c) => c.label)).size === list.length, {
      message: "candidate names must differ",
    }),
  /** Only the members of this saved segment, evaluated at the period's start; null for all. */
  segmentId: z.number().int().positive().nullable().default(null),
  model: responseModel.default(responseModel.parse({})),
  objective: z.enum(objectives).default("roi"),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(7),
  resamples: z.number().int().min(20).max(2000).default(200),
});

export type CandidateInput = z.output<typeof candidateInput>;
export type ComparisonInput = z.output<typeof comparisonInput>;
export type ComparisonInputRaw = z.input<typeof comparisonInput>;
