import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { appRouter, createCaller, createContext, type AppRouter } from "@boomerang/api";
import { auth, sessionClaim } from "@/server/auth";
import { getDb } from "@/server/db";
import { ClientHydrationBoundary } from "./hydrate-client";
import { createServerQueryClient, dehydrateForClient } from "./query-client";

const createRscContext = cache(async () => {
  const session = await auth();
  return createContext({
    db: await getDb(),
    session: sessionClaim(session),
  });
});

export const getQueryClient = cache(createServerQueryClient);

/** Query options for server components to prefetch; the client picks the data up on hydration. */
export const trpc = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: createRscContext,
  queryClient: getQueryClient,
});

/** Direct calls from server components, through the same procedures and checks as the browser. */
export const serverApi = cache(async () => createCaller(await createRscContext()));

export function HydrateClient({ children }: { children: ReactNode }) {
  return (
    <ClientHydrationBoundary state={dehydrateForClient(getQueryClient())}>
      {children}
    </ClientHydrationBoundary>
  );
}
