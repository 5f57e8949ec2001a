import { z } from "zod";
import { auditFilterOptions, listAuditEntries } from "../services/audit-log/list-audit-entries";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { dayRangeInput } from "./inputs";

const isoDayInput = z.iso.date({ message: "Use a date in the form YYYY-MM-DD." });

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(
      z
        .object({
          entityType: z.string().trim().min(1).max(40).nullish(),
          actorId: z.number().int().positive().nullish(),
          action: z.string().trim().min(1).max(80).nullish(),
          range: dayRangeInput.nullish(),
          // Either end of a date range on its own (the page's From and To), days in the business time zone.
          from: isoDayInput.nullish(),
          to: isoDayInput.nullish(),
          // Named "cursor" so the page can page through with useInfiniteQuery: the last id of the previous page.
          cursor: z.number().int().positive().nullish(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .refine((i) => !i.from || !i.to || i.from <= i.to, {
          message: "The start date must not be after the end date.",
          path: ["from"],
        }),
    )
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, {
        entityType: input.entityType ?? null,
        actorId: input.actorId ?? null,
        action: input.action ?? null,
        range: input.range ?? null,
        from: input.from ?? null,
        to: input.to ?? null,
        before: input.cursor ?? null,
        limit: input.limit,
      }),
    ),
  filterOptions: adminProcedure.query(({ ctx }) => auditFilterOptions(ctx.db)),
});
