import { asc } from "drizzle-orm";
import { segments } from "@boomerang/db";
import { z } from "zod";
import { programActions } from "../services/programs/transition-program";
import { createProgramDraft } from "../services/programs/create-program";
import { previewConfiguration } from "../services/programs/preview-program";
import { programCatalog } from "../services/programs/program-catalog";
import { programFields, programInput } from "../services/programs/program-input";
import { getProgramDetail, listProgramsWithSummary } from "../services/programs/read-programs";
import { deleteDraft, transitionProgram } from "../services/programs/transition-program";
import { updateProgram } from "../services/programs/update-program";
import { createTRPCRouter, marketerProcedure, scopedStoreId, storeScopedProcedure } from "../trpc";

const id = z.number().int().positive();
const revision = z.number().int().positive();
const statuses = ["draft", "active", "paused", "ended", "archived"] as const;

export const programsRouter = createTRPCRouter({
  catalog: storeScopedProcedure.query(() => programCatalog()),

  /** Saved segments a program can target (the designer's picker). */
  segmentOptions: storeScopedProcedure.query(({ ctx }) =>
    ctx.db
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .orderBy(asc(segments.name)),
  ),

  list: storeScopedProcedure
    .input(
      z.object({
        status: z.enum(statuses).nullish(),
        type: z.string().min(1).nullish(),
        search: z.string().trim().max(120).nullish(),
        storeId: id.nullish(),
      }),
    )
    .query(({ ctx, input }) =>
      listProgramsWithSummary(ctx.db, {
        status: input.status ?? null,
        type: input.type ?? null,
        search: input.search ? input.search : null,
        storeId: scopedStoreId(ctx.storeScope, input.storeId),
      }),
    ),

  get: storeScopedProcedure
    .input(z.object({ id, storeId: id.nullish() }))
    .query(({ ctx, input }) =>
      getProgramDetail(ctx.db, input.id, scopedStoreId(ctx.storeScope, input.storeId)),
    ),

  create: marketerProcedure
    .input(programInput)
    .mutation(({ ctx, input }) => createProgramDraft(ctx.db, ctx.user.id, input, ctx.now)),

  update: marketerProcedure
    .input(z.object({ id, revision, program: programInput }))
    .mutation(({ ctx, input }) =>
      updateProgram(ctx.db, ctx.user.id, input.id, input.revision, input.program, ctx.now),
    ),

  transition: marketerProcedure
    .input(z.object({ id, revision, action: z.enum(programActions) }))
    .mutation(({ ctx, input }) =>
      transitionProgram(ctx.db, ctx.user.id, input.id, input.action, input.revision, ctx.now),
    ),

  delete: marketerProcedure
    .input(z.object({ id, revision }))
    .mutation(({ ctx, input }) =>
      deleteDraft(ctx.db, ctx.user.id, input.id, input.revision, ctx.now),
    ),

  preview: marketerProcedure
    .input(
      programFields.pick({
        type: true,
        config: true,
        targetStoreIds: true,
        channels: true,
        budgetCap: true,
      }),
    )
    .query(({ ctx, input }) => previewConfiguration(ctx.db, input, ctx.now)),
});
