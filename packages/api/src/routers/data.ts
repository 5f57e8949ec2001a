import { z } from "zod";
import {
  columnMapping,
  dateOrderInput,
  errorReportCsv,
  importKindInput,
  importStatus,
  listImports,
  previewImport,
  programsExcludingCategories,
  UNCATEGORISED,
} from "../services/imports";
import { getBusinessProfile } from "../services/settings";
import { createTRPCRouter, marketerProcedure } from "../trpc";
import { CLOCK_SKEW_MS } from "../services/ingest/when";

const jobInput = z.object({ id: z.number().int().positive() });

/**
 * The Data page. Imports change the business's customers and orders, so marketers and admins
 * (the roles that edit) run them; the file itself is uploaded to /api/imports, which starts the job.
 */
export const dataRouter = createTRPCRouter({
  preview: marketerProcedure
    .input(
      z.object({
        kind: importKindInput,
        sample: z.string().max(256_000, "Send at most the first 256 kB for a preview."),
        mapping: columnMapping.optional(),
        dateOrder: dateOrderInput.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const business = await getBusinessProfile(ctx.db);
      const preview = previewImport(
        input.kind,
        input.sample,
        {
          timeZone: business.timezone,
          currency: business.currency,
          locale: business.locale,
          latest: new Date(ctx.now.getTime() + CLOCK_SKEW_MS),
        },
        input.mapping,
        input.dateOrder,
      );
      // Orders without a category column: what the items will be filed under, and which running
      // programs leave categories out (new SKUs come in as "uncategorised" and count in them).
      const uncategorised =
        input.kind === "orders" &&
        ((input.mapping ?? preview.guessedMapping).category ?? null) === null
          ? { category: UNCATEGORISED, programs: await programsExcludingCategories(ctx.db) }
          : null;
      return { ...preview, uncategorised };
    }),
  imports: marketerProcedure.query(({ ctx }) => listImports(ctx.db, ctx.now)),
  importStatus: marketerProcedure
    .input(jobInput)
    .query(({ ctx, input }) => importStatus(ctx.db, input.id, ctx.now)),
  importReport: marketerProcedure.input(jobInput).query(async ({ ctx, input }) => {
    const job = await importStatus(ctx.db, input.id, ctx.now);
    return {
      fileName: `${job.fileName.replace(/\.csv$/i, "")}-problems.csv`,
      csv: errorReportCsv(job.errors),
    };
  }),
});
