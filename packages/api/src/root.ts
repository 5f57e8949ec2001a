import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { compareRouter } from "./routers/compare";
import { overviewRouter } from "./routers/overview";
import { programsRouter } from "./routers/programs";
import { retentionRouter } from "./routers/retention";
import { segmentsRouter } from "./routers/segments";
import { sessionRouter, storesRouter } from "./routers/session";
import { storeKpisRouter } from "./routers/stores-kpi";
import { usersRouter } from "./routers/users";
import { auditRouter } from "./routers/audit";
import { settingsRouter } from "./routers/settings";
import { apiKeysRouter } from "./routers/api-keys";
import { dataRouter } from "./routers/data";
import { liftRouter } from "./routers/lift";
import { customersRouter } from "./routers/customers";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  overview: overviewRouter,
  programs: programsRouter,
  stores: storesRouter,
  storeKpis: storeKpisRouter,
  users: usersRouter,
  audit: auditRouter,
  settings: settingsRouter,
  segments: segmentsRouter,
  retention: retentionRouter,
  compare: compareRouter,
  lift: liftRouter,
  data: dataRouter,
  customers: customersRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
