import { hydrate, type QueryClient } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import {
  askAgainOnClient,
  createQueryClient,
  createServerQueryClient,
  dehydrateForClient,
  isExpectedRefusal,
} from "./query-client";

const key = ["retention", "get"];

/** A server render: one prefetch left pending, dehydrated while it runs, as the pages do. */
function serverRender(answer: () => Promise<unknown>) {
  const server = createServerQueryClient();
  const queryFn = vi.fn(answer);
  void server.prefetchQuery({ queryKey: key, queryFn });
  return { state: dehydrateForClient(server), queryFn };
}

async function browser(state: ReturnType<typeof dehydrateForClient>, answer: () => unknown) {
  const client = createQueryClient();
  const queryFn = vi.fn(async () => answer());
  client.setQueryDefaults(key, { queryFn });
  hydrate(client, askAgainOnClient(state));
  return { client, queryFn };
}

async function settled(client: QueryClient) {
  await vi.waitFor(() => expect(client.getQueryState(key)?.fetchStatus).toBe("idle"));
  return client.getQueryState(key);
}

describe("server prefetches streamed to the browser", () => {
  it("tells expected refusals from failures", () => {
    expect(isExpectedRefusal(new TRPCError({ code: "FORBIDDEN" }))).toBe(true);
    expect(isExpectedRefusal(new TRPCError({ code: "BAD_REQUEST" }))).toBe(true);
    expect(isExpectedRefusal(new TRPCError({ code: "INTERNAL_SERVER_ERROR" }))).toBe(false);
    expect(isExpectedRefusal(new Error("boom"))).toBe(false);
  });

  it("streams a refused prefetch as 'ask again', never as a rejection, and tries it once", async () => {
    const { state, queryFn } = serverRender(() =>
      Promise.reject(new TRPCError({ code: "FORBIDDEN", message: "Not your store." })),
    );
    await expect(state.queries[0]!.promise).resolves.toBeDefined();
    expect(queryFn).toHaveBeenCalledTimes(1);
  });

  it("lets the browser ask again and show the API's own refusal", async () => {
    const { state } = serverRender(() => Promise.reject(new TRPCError({ code: "FORBIDDEN" })));
    const { client, queryFn } = await browser(state, () => {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Store managers can only see their own store.",
      });
    });
    const result = await settled(client);
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(result?.status).toBe("error");
    expect((result?.error as Error).message).toBe("Store managers can only see their own store.");
  });

  it("asks again when the refusal had already arrived before hydration", async () => {
    const { state } = serverRender(() => Promise.reject(new TRPCError({ code: "NOT_FOUND" })));
    await state.queries[0]!.promise;
    // React's streamed promises call back synchronously once settled; a resolved thenable does too.
    const value = await state.queries[0]!.promise;
    const sync = { ...state, queries: [{ ...state.queries[0]!, promise: syncThenable(value) }] };
    const { client } = await browser(sync as typeof state, () => ({ rows: [] }));
    expect(client.getQueryState(key)?.status).toBe("pending");
    // The component's mount asks for it: here, a fetch with the query's defaults.
    await client.fetchQuery({ queryKey: key });
    expect(client.getQueryData(key)).toEqual({ rows: [] });
  });

  it("hydrates answered prefetches as data, and still rejects (redacted) on real failures", async () => {
    const ok = serverRender(async () => ({ rows: [1, 2] }));
    const { client, queryFn } = await browser(ok.state, () => ({ rows: [] }));
    await settled(client);
    expect(client.getQueryData(key)).toEqual({ rows: [1, 2] });
    expect(queryFn).not.toHaveBeenCalled();

    const failed = serverRender(() => Promise.reject(new Error("database is down")));
    await expect(failed.state.queries[0]!.promise).rejects.toThrow();
  });
});

function syncThenable(value: unknown): Promise<unknown> {
  return {
    then(onFulfilled?: (v: unknown) => unknown) {
      const next = onFulfilled ? onFulfilled(value) : value;
      return syncThenable(next);
    },
    catch() {
      return syncThenable(value);
    },
  } as unknown as Promise<unknown>;
}
