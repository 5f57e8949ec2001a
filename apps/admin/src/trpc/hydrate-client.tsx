"use client";

import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import { askAgainOnClient } from "./query-client";

/** Hydrates the server's prefetches, leaving the ones it handed back for the browser to ask. */
export function ClientHydrationBoundary({
  state,
  children,
}: {
  state: DehydratedState;
  children: ReactNode;
}) {
  const prepared = useMemo(() => askAgainOnClient(state), [state]);
  return <HydrationBoundary state={prepared}>{children}</HydrationBoundary>;
}
