import { z } from "zod";
import { segmentPickerOptions } from "@boomerang/db";
import { segmentRules, segmentTemplates } from "@boomerang/domain/segments";
import {
  createSegment,
  deleteSegment,
  duplicateSegment,
  restoreSegmentVersion,
  updateSegment,
} from "../services/segments/change-segments";
import {
  explainMember,
  liveCount,
  previewSegment,
  segmentQuery,
} from "../services/segments/preview-segment";
import {
  diffAgainstSaved,
  getSegment,
  listSegments,
  segmentTrend,
  segmentVersionHistory,
} from "../services/segments/saved-segments";
import { overlapSegments } from "../services/segments/overlap";
import { deleteSnapshot, freezeSnapshot, listSnapshots } from "../services/segments/snapshots";
import { segmentFields, segmentId } from "../services/segments/segment-input";
import {
  analystProcedure,
  createTRPCRouter,
  marketerProcedure,
  storeScopedProcedure,
} from "../trpc";

const rulesInput = z.object({ rules: segmentRules });

/** Store managers get every count and sample restricted to their own store (ctx.storeScope). */
export const segmentsRouter = createTRPCRouter({
  options: storeScopedProcedure.query(async ({ ctx }) => ({
    ...(await segmentPickerOptions(ctx.db)),
    templates: segmentTemplates,
  })),
  count: storeScopedProcedure
    .input(rulesInput)
    .query(({ ctx, input }) => liveCount(ctx.db, input.rules, ctx.storeScope, ctx.now)),
  preview: storeScopedProcedure
    .input(rulesInput)
    .query(({ ctx, input }) => previewSegment(ctx.db, input.rules, ctx.storeScope, ctx.now)),
  explain: storeScopedProcedure
    .input(rulesInput.extend({ customerId: z.number().int().positive() }))
    .query(({ ctx, input }) =>
      explainMember(ctx.db, input.rules, input.customerId, ctx.storeScope, ctx.now),
    ),
  sql: analystProcedure
    .input(rulesInput)
    .query(({ ctx, input }) => segmentQuery(input.rules, ctx.now)),
  list: storeScopedProcedure.query(({ ctx }) => listSegments(ctx.db, ctx.storeScope, ctx.now)),
  get: storeScopedProcedure
    .input(z.object({ id: segmentId }))
    .query(({ ctx, input }) => getSegment(ctx.db, input.id, ctx.storeScope)),
  diff: marketerProcedure
    .input(rulesInput.extend({ id: segmentId }))
    .query(({ ctx, input }) => diffAgainstSaved(ctx.db, input.id, input.rules, ctx.now)),
  create: marketerProcedure
    .input(segmentFields)
    .mutation(({ ctx, input }) => createSegment(ctx.db, ctx.user.id, input, ctx.now)),
  update: marketerProcedure
    .input(
      z.object({ id: segmentId, version: z.number().int().positive(), segment: segmentFields }),
    )
    .mutation(({ ctx, input }) =>
      updateSegment(ctx.db, ctx.user.id, input.id, input.version, input.segment, ctx.now),
    ),
  sizeTrend: storeScopedProcedure
    .input(z.object({ id: segmentId }))
    .query(({ ctx, input }) => segmentTrend(ctx.db, input.id, ctx.storeScope, ctx.now)),
  versions: storeScopedProcedure
    .input(z.object({ id: segmentId }))
    .query(({ ctx, input }) => segmentVersionHistory(ctx.db, input.id, ctx.storeScope, ctx.now)),
  restoreVersion: marketerProcedure
    .input(
      z.object({
        id: segmentId,
        version: z.number().int().positive(),
        restore: z.number().int().positive(),
      }),
    )
    .mutation(({ ctx, input }) =>
      restoreSegmentVersion(ctx.db, ctx.user.id, input.id, input.version, input.restore, ctx.now),
    ),
  duplicate: marketerProcedure
    .input(z.object({ id: segmentId }))
    .mutation(({ ctx, input }) => duplicateSegment(ctx.db, ctx.user.id, input.id, ctx.now)),
  delete: marketerProcedure
    .input(z.object({ id: segmentId }))
    .mutation(({ ctx, input }) => deleteSegment(ctx.db, ctx.user.id, input.id, ctx.now)),
  snapshots: storeScopedProcedure
    .input(z.object({ id: segmentId }))
    .query(({ ctx, input }) => listSnapshots(ctx.db, input.id, ctx.storeScope)),
  freezeSnapshot: marketerProcedure
    .input(z.object({ id: segmentId, note: z.string().trim().max(200).default("") }))
    .mutation(({ ctx, input }) =>
      freezeSnapshot(ctx.db, ctx.user.id, input.id, input.note, ctx.now),
    ),
  deleteSnapshot: marketerProcedure
    .input(z.object({ id: segmentId, snapshotId: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      deleteSnapshot(ctx.db, ctx.user.id, input.id, input.snapshotId, ctx.now),
    ),
  overlap: storeScopedProcedure
    .input(
      z.object({
        ids: z
          .array(segmentId)
          .min(2, "Pick two or three segments")
          .max(3, "Pick two or three segments"),
      }),
    )
    .query(({ ctx, input }) => overlapSegments(ctx.db, input.ids, ctx.storeScope, ctx.now)),
});
