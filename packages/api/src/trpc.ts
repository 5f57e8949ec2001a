import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { can, storeScopeFor, type Capability } from "@boomerang/domain";
import type { Context, CurrentUser } from "./context";
import { AppError, type AppErrorKind } from "./errors";
import { refusedInput } from "./services/ingest/transaction";

const codeFor: Record<AppErrorKind, TRPCError["code"]> = {
  not_found: "NOT_FOUND",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
  invalid: "BAD_REQUEST",
  unauthenticated: "UNAUTHORIZED",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-by-field messages for forms; null when the error is not about the input's shape.
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : null,
        details: cause instanceof AppError ? (cause.details ?? null) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place expected failures become tRPC errors. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeFor[cause.kind], message: cause.message, cause });
  }
  // Backstop for values the schemas let through but PostgreSQL cannot take (an id past its integer
  // range, a NUL character in a text): still the caller's input, so a 400 rather than a 500.
  if (!result.ok && refusedInput(result.error.cause))
    throw new TRPCError({
      code: "BAD_REQUEST",
      message:
        "A value you sent is out of range or holds a character that cannot be stored (NUL): check the ids and texts.",
      cause: result.error.cause,
    });
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const authedProcedure = publicProcedure.use(requireUser);

const requireCapability = (capability: Capability, message: string) =>
  t.middleware(({ ctx, next }) => {
    const user = ctx.user as CurrentUser;
    if (!can(user.role, capability)) throw new TRPCError({ code: "FORBIDDEN", message });
    return next();
  });

/**
 * Every role, with `storeScope` set for store managers. Procedures that take a storeId must pass it
 * through `scopedStoreId` so a store manager can never ask for another store.
 */
export const storeScopedProcedure = authedProcedure.use(({ ctx, next }) =>
  next({ ctx: { storeScope: storeScopeFor(ctx.user) } }),
);
export const analystProcedure = authedProcedure.use(
  requireCapability("read:all", "Your role can only see your own store's figures."),
);
export const marketerProcedure = authedProcedure.use(
  requireCapability("edit:marketing", "Only marketers and admins can make changes here."),
);
export const adminProcedure = authedProcedure.use(
  requireCapability("admin", "Only admins can do this."),
);

/** The store a store-scoped query must use: the manager's own, or what the others asked for. */
export function scopedStoreId(
  storeScope: number | null,
  requested: number | null | undefined,
): number | null {
  if (storeScope === null) return requested ?? null;
  if (requested !== undefined && requested !== null && requested !== storeScope) {
    throw new AppError("forbidden", "Store managers can only see their own store.");
  }
  return storeScope;
}
