import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContext } from "@boomerang/api";
import { auth, sessionClaim } from "@/server/auth";
import { getDb } from "@/server/db";

const handler = async (request: Request) => {
  const session = await auth();
  const db = await getDb();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // The browser client sends queries as POST (their inputs can be larger than a URL may be).
    allowMethodOverride: true,
    createContext: () => createContext({ db, session: sessionClaim(session) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC /${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
};

export { handler as GET, handler as POST };
