import {
  defaultShouldDehydrateQuery,
  dehydrate,
  MutationCache,
  QueryCache,
  QueryClient,
  type DehydratedState,
} from "@tanstack/react-query";
import superjson from "superjson";

/**
 * What the server streams in place of a prefetch the API refused as expected (the role may not
 * ask for it, the URL's input is invalid, the record does not exist): "ask again yourself". The
 * browser then calls the procedure once and shows the API's own message (askAgainOnClient), and
 * the server never streams a rejected promise, which React and Next would log as a server error.
 */
const ASK_AGAIN = "boomerang:ask-again";
type AskAgain = { [ASK_AGAIN]: true };

/** Thrown on the client for a prefetch the server handed back; retried at once with a real call. */
export class AskAgainError extends Error {
  constructor() {
    super("The server left this query for the browser to ask.");
    this.name = "AskAgainError";
  }
}

const isAskAgain = (data: unknown): data is AskAgain =>
  typeof data === "object" && data !== null && ASK_AGAIN in data;

/** tRPC codes of refusals the app expects and shows to the user; anything else is a real failure. */
const expectedCodes = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "UNPROCESSABLE_CONTENT",
]);

/** A refusal the API answers on purpose (a tRPC error with a 4xx code), not a bug. */
export function isExpectedRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && expectedCodes.has(code);
}

/** Whether the API refused a call because the session has ended (signed out, password reset…). */
export function isSessionEnded(error: unknown): boolean {
  return (error as { data?: { code?: unknown } } | null)?.data?.code === "UNAUTHORIZED";
}

/**
 * The browser's query client. When the API says the session has ended, the page is loaded again:
 * the dashboard then shows "Please sign in again" with its button, instead of a bare refusal in
 * every card.
 */
export function createBrowserQueryClient(onSessionEnded: () => void): QueryClient {
  const onError = (error: unknown) => {
    if (isSessionEnded(error)) onSessionEnded();
  };
  return createQueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
  });
}

export function createQueryClient(
  caches: { queryCache?: QueryCache; mutationCache?: MutationCache } = {},
): QueryClient {
  return new QueryClient({
    ...caches,
    defaultOptions: {
      // With server prefetching, refetching straight after hydration would only repeat the work.
      queries: {
        staleTime: 30_000,
        retry: 1,
        // A query the server handed back is asked for straight away.
        retryDelay: (failures, error) =>
          error instanceof AskAgainError ? 0 : Math.min(1000 * 2 ** failures, 30_000),
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        // Expected refusals pass through to dehydrateForClient, which swaps them; others are redacted.
        shouldRedactErrors: (error) => !isExpectedRefusal(error),
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

/** The server's query client: a refused prefetch settles at once instead of being tried again. */
export function createServerQueryClient(): QueryClient {
  const client = createQueryClient();
  client.setDefaultOptions({
    ...client.getDefaultOptions(),
    queries: { ...client.getDefaultOptions().queries, retry: false },
  });
  return client;
}

/**
 * The server's cache for the browser, with pending prefetches streamed as promises. A prefetch
 * that ends in an expected refusal resolves to "ask again" instead of rejecting; an unexpected
 * failure still rejects (redacted) and is logged, as it should be.
 */
export function dehydrateForClient(client: QueryClient): DehydratedState {
  const state = dehydrate(client);
  return {
    ...state,
    queries: state.queries.map((query) => {
      if (!query.promise) return query;
      const promise = query.promise.catch((error: unknown) => {
        if (isExpectedRefusal(error)) return { [ASK_AGAIN]: true } satisfies AskAgain;
        throw error;
      });
      // Whatever the page does with it, an unexpected failure is not an unhandled rejection here.
      promise.catch(() => undefined);
      return { ...query, promise };
    }),
  };
}

/**
 * The browser's side of dehydrateForClient, applied before hydrating: a prefetch the server handed
 * back is not hydrated as data. Already answered, it is left out of the promise (the query stays
 * without data and its component asks on mount); still streaming, it fails with AskAgainError,
 * which the query retries at once with a real call.
 */
export function askAgainOnClient(state: DehydratedState): DehydratedState {
  return {
    ...state,
    queries: state.queries.map((query) => {
      if (!query.promise) return query;
      // React's streamed promises call back synchronously once they have settled.
      let settled: { value: unknown } | undefined;
      const seen = (query.promise as PromiseLike<unknown>).then(
        (value) => {
          settled = { value };
        },
        () => undefined,
      ) as Promise<void> | undefined;
      seen?.catch?.(() => undefined);
      if (settled) {
        if (!isAskAgain(settled.value)) return query;
        const { promise: _handedBack, ...rest } = query;
        return rest;
      }
      const promise = Promise.resolve(query.promise).then((value) => {
        if (isAskAgain(value)) throw new AskAgainError();
        return value;
      });
      promise.catch(() => undefined);
      return { ...query, promise };
    }),
  };
}
