"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@boomerang/api";
import { createBrowserQueryClient, createQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return createQueryClient();
  return (browserQueryClient ??= createBrowserQueryClient(reloadOnce));
}

let reloading = false;
/** Loads the page again (once) so the server shows why the session ended; never on /login. */
function reloadOnce() {
  if (reloading || window.location.pathname.startsWith("/login")) return;
  reloading = true;
  window.location.reload();
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // Queries go as POST too: their input in a GET's URL hit the server's 16 kB header limit
      // (431) for a CSV preview's sample, and would for any large segment tree.
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, methodOverride: "POST" })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
