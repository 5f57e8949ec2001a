import { z } from "zod";
import {
  apiScopes,
  createApiKey,
  createApiKeyInput,
  listApiKeys,
  revokeApiKey,
  scopeLabels,
} from "../services/api-keys";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** API keys let other systems write data and spend points: admins only. */
export const apiKeysRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db)),
  scopes: adminProcedure.query(() =>
    apiScopes.map((scope) => ({ scope, label: scopeLabels[scope] })),
  ),
  create: adminProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.user.id, input, ctx.now)),
  revoke: adminProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.user.id, input.id, ctx.now)),
});
