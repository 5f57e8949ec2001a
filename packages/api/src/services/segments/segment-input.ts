import { z } from "zod";
import { recordId } from "../record-id";
import { segmentRules } from "@boomerang/domain/segments";

export const segmentId = recordId;

export const segmentFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the segment a name")
    .max(120, "Keep the name under 120 characters"),
  description: z.string().trim().max(500, "Keep the description under 500 characters").default(""),
  rules: segmentRules,
});
export type SegmentFields = z.infer<typeof segmentFields>;
