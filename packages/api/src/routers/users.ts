import { z } from "zod";
import {
  createUser,
  listUsers,
  resetUserPassword,
  setUserActive,
  updateUser,
} from "../services/users/manage-users";
import { newUserInput, password, userChangesInput, userId } from "../services/users/user-input";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure
    .input(newUserInput)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.user.id, input, ctx.now)),
  update: adminProcedure
    .input(userChangesInput)
    .mutation(({ ctx, input }) => updateUser(ctx.db, ctx.user.id, input, ctx.now)),
  setActive: adminProcedure
    .input(z.object({ id: userId, active: z.boolean() }))
    .mutation(({ ctx, input }) => setUserActive(ctx.db, ctx.user.id, input, ctx.now)),
  resetPassword: adminProcedure
    .input(z.object({ id: userId, password }))
    .mutation(({ ctx, input }) => resetUserPassword(ctx.db, ctx.user.id, input, ctx.now)),
});
