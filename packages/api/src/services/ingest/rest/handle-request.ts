import type { Database } from "@boomerang/db";
import { authenticateApiKey, requireScope, type ApiCaller } from "../../api-keys/authenticate";
import type { RateLimiter } from "../../api-keys/rate-limiter";
import { openApiDocument } from "./openapi";
import { apiError, errorResponse, json } from "./responses";
import { matchRoute } from "./routes";

export type IngestApiOptions = { db: Database; now: Date; limiter: RateLimiter };

const MAX_BODY_BYTES = 1_000_000;
const PREFIX = "/api/v1/";

async function readJson(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  // application/json, with at most a UTF-8 charset (the body is read as UTF-8 whatever it says).
  const [mediaType = "", ...parameters] = type.split(";").map((p) => p.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (mediaType !== "application/json" || (charset !== undefined && charset !== "utf-8"))
    return {
      ok: false,
      response: apiError(
        415,
        "Send the body as UTF-8 JSON with 'Content-Type: application/json' (charset utf-8 or none).",
      ),
    };
  const tooLarge = {
    ok: false as const,
    response: apiError(413, `The body is larger than ${maxBytes} bytes.`),
  };
  // Refused before reading: a declared length over the limit, then a body that grows past it as
  // it streams in (no length, or a false one), so a huge body never sits in memory.
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(value);
    }
  }
  // As request.text() did: UTF-8, a leading byte-order mark dropped (.NET and PowerShell send one).
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, response: apiError(400, "The body is not valid JSON.") };
  }
  const problem = shapeProblem(body);
  return problem === null ? { ok: true, body } : { ok: false, response: apiError(400, problem) };
}

/** Deepest nesting of arrays and objects a body may have (an event's payload included). */
const MAX_DEPTH = 32;
// A UTF-16 surrogate without its pair: JSON can escape one ("\ud800"), but it is no character, and
// PostgreSQL refuses it or stores U+FFFD, which would make two different ids one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What no request body may hold, whatever the route: too deep a nesting, a lone surrogate. */
function shapeProblem(body: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (loneSurrogate.test(value))
        return "A text value holds a lone UTF-16 surrogate (an escape like \\ud800 without its pair), which is not a character: send valid UTF-8 text.";
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_DEPTH)
        return `The body is nested more than ${MAX_DEPTH} levels deep; flatten the payload.`;
      // Keys are text too; they sit at their value's depth.
      const inner = Array.isArray(value) ? value : Object.entries(value).flat();
      for (const item of inner) stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

function pathSegments(path: string): string[] | null {
  try {
    return path
      .split("/")
      .filter((s) => s.length > 0)
      .map(decodeURIComponent);
  } catch {
    return null;
  }
}

const lookups = new WeakMap<Database, Map<string, Promise<ApiCaller>>>();

/**
 * The key behind the header, looked up once for all the requests that bring the same header while
 * a lookup of it is running (a busy till system sends many at once): each gets that lookup's answer.
 */
function authenticate(db: Database, authorization: string | null, now: Date): Promise<ApiCaller> {
  if (authorization === null) return authenticateApiKey(db, authorization, now);
  let running = lookups.get(db);
  if (running === undefined) lookups.set(db, (running = new Map()));
  const shared = running.get(authorization);
  if (shared !== undefined) return shared;
  const lookup = authenticateApiKey(db, authorization, now).finally(() =>
    running.delete(authorization),
  );
  running.set(authorization, lookup);
  return lookup;
}

/**
 * The ingest REST API as a fetch handler, independent of the web framework: route, authenticate
 * the API key, check its scope and rate, validate, call the service, and turn expected failures
 * into 4xx answers that say what is wrong. Only unexpected failures escape (as a thrown error).
 */
export async function handleIngestRequest(
  options: IngestApiOptions,
  request: Request,
): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(PREFIX)) return apiError(404, `No such endpoint: ${pathname}.`);
  const segments = pathSegments(pathname.slice(PREFIX.length));
  if (segments === null) return apiError(400, "The path is not validly percent-encoded.");
  if (request.method === "GET" && segments.join("/") === "openapi.json")
    return json(200, openApiDocument());
  const match = matchRoute(request.method, segments);
  if (match === null)
    return apiError(
      404,
      `No such endpoint: ${request.method} ${pathname}. The API is described at /api/v1/openapi.json.`,
    );
  if (match === "wrong-method")
    return apiError(405, `${request.method} is not allowed on ${pathname}.`);
  try {
    const caller = await authenticate(
      options.db,
      request.headers.get("authorization"),
      options.now,
    );
    requireScope(caller, match.route.scope);
    const wait = options.limiter.take(caller.keyId, options.now.getTime());
    if (wait > 0)
      return apiError(429, `Too many requests for this API key; retry in ${wait} s.`, [], {
        "retry-after": String(wait),
      });
    let body: unknown = undefined;
    if (match.route.method === "POST") {
      const read = await readJson(request, match.route.maxBodyBytes ?? MAX_BODY_BYTES);
      if (!read.ok) return read.response;
      body = read.body;
    }
    const result = await match.route.run({
      db: options.db,
      now: options.now,
      apiKeyId: caller.keyId,
      params: match.params,
      body,
      idempotencyKey: request.headers.get("idempotency-key"),
    });
    return json(result.status, result.body);
  } catch (error) {
    return errorResponse(error);
  }
}
