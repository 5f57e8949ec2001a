import { createRateLimiter, type RateLimiter } from "@boomerang/api/services/api-keys/index";
import { handleIngestRequest } from "@boomerang/api/services/ingest/rest/index";
import { getDb } from "@/server/db";

// One bucket set per server process, kept across hot reloads: 1,000 requests/s per key (a busy
// till system posting orders) with bursts of 2,000. In-process, so right for a single server
// (several servers would each allow this rate).
const globalForLimiter = globalThis as unknown as { boomerangIngestLimiter?: RateLimiter };
const limiter = (globalForLimiter.boomerangIngestLimiter ??= createRateLimiter({
  capacity: 2000,
  refillPerSecond: 1000,
}));

async function handler(request: Request): Promise<Response> {
  try {
    return await handleIngestRequest({ db: await getDb(), now: new Date(), limiter }, request);
  } catch (error) {
    console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error);
    return Response.json(
      {
        error: {
          code: "internal",
          message: "Something went wrong on our side; the request changed nothing.",
          issues: [],
        },
      },
      { status: 500 },
    );
  }
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
