import {
  getBusinessSettings,
  updateBusinessSettings,
} from "../services/settings/business-settings";
import { businessSettingsInput } from "../services/settings/business-settings-input";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const settingsRouter = createTRPCRouter({
  get: adminProcedure.query(({ ctx }) => getBusinessSettings(ctx.db)),
  update: adminProcedure
    .input(businessSettingsInput)
    .mutation(({ ctx, input }) => updateBusinessSettings(ctx.db, ctx.user.id, input, ctx.now)),
});
