import {
  getBusinessSettings,
  updateBusinessSettings,
} from "../services/settings/business-settings";
import { businessSettingsInput } from "../services/settings/business-settings-input";
import { TRPCError } from "@trpc/server";
import {
  demoResetInput,
  demoResetStatus,
  startDemoReset,
  startedDemoReset,
} from "../services/settings/demo-reset";
import { adminProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const settingsRouter = createTRPCRouter({
  get: adminProcedure.query(({ ctx }) => getBusinessSettings(ctx.db)),
  update: adminProcedure
    .input(businessSettingsInput)
    .mutation(({ ctx, input }) => updateBusinessSettings(ctx.db, ctx.user.id, input, ctx.now)),
  /** Replaces all data with a fresh demo chain, in the background; poll resetDemoStatus. */
  resetDemo: adminProcedure.input(demoResetInput).mutation(({ ctx, input }) => ({
    ...startDemoReset(ctx.db, ctx.user, ctx.session, input, ctx.now),
    signedIn: true,
  })),
  /**
   * For admins, and for the session that started the reset even after the reset replaced its
   * account (so its page can follow it to the end). `signedIn` says whether that session still is.
   */
  resetDemoStatus: publicProcedure.query(({ ctx }) => {
    if (!startedDemoReset(ctx.session)) {
      if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
      if (ctx.user.role !== "admin")
        throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do this." });
    }
    return { ...demoResetStatus(), signedIn: ctx.user !== null };
  }),
});
