import {
  getBusinessSettings,
  updateBusinessSettings,
} from "../services/settings/business-settings";
import { businessSettingsInput } from "../services/settings/business-settings-input";
import { demoResetInput, demoResetStatus, startDemoReset } from "../services/settings/demo-reset";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const settingsRouter = createTRPCRouter({
  get: adminProcedure.query(({ ctx }) => getBusinessSettings(ctx.db)),
  update: adminProcedure
    .input(businessSettingsInput)
    .mutation(({ ctx, input }) => updateBusinessSettings(ctx.db, ctx.user.id, input, ctx.now)),
  /** Replaces all data with a fresh demo chain, in the background; poll resetDemoStatus. */
  resetDemo: adminProcedure
    .input(demoResetInput)
    .mutation(({ ctx, input }) => startDemoReset(ctx.db, ctx.user, input, ctx.now)),
  resetDemoStatus: adminProcedure.query(() => demoResetStatus()),
});
