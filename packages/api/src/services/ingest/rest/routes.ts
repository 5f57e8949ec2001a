import type { Database } from "@boomerang/db";
import { invalid } from "../../../errors";
import type { ApiScope } from "../../api-keys/scopes";
import { customerBalance } from "../balance";
import { postEvent } from "../post-event";
import { postOrderOutcome } from "../post-order";
import { postOrderBatch, type OrderOutcome } from "../post-orders";
import { postRefundOutcome } from "../post-refund";
import { redeemOutcome } from "../redeem";
import { idempotencyHeader } from "../schemas";
import { upsertCustomer } from "../upsert-customer";
import { errorBodyOf } from "./responses";

export type RouteCall = {
  db: Database;
  now: Date;
  apiKeyId: number;
  params: Record<string, string>;
  body: unknown;
  idempotencyKey: string | null;
};

export type Route = {
  method: "GET" | "POST";
  /** Segments after /api/v1; ":name" matches one segment. */
  pattern: string;
  scope: ApiScope;
  run: (call: RouteCall) => Promise<{ status: number; body: unknown }>;
  /** Largest body accepted, in bytes (default 1 MB). */
  maxBodyBytes?: number;
};

const ctxOf = (call: RouteCall) => ({ db: call.db, now: call.now, apiKeyId: call.apiKeyId });
const requiredKey = (call: RouteCall): string =>
  idempotencyHeader.parse({ "Idempotency-Key": call.idempotencyKey ?? undefined })[
    "Idempotency-Key"
  ];
const optionalKey = (call: RouteCall) =>
  call.idempotencyKey === null ? undefined : requiredKey(call);

/** 201 for what this request did, 200 for the first answer given again to a retry. */
const answer = (outcome: { result: unknown; replayed: boolean }) => ({
  status: outcome.replayed ? 200 : 201,
  body: outcome.result,
});

/** One order's result in a batch answer: its status as if posted alone, and its body or error. */
function batchResult(outcome: OrderOutcome, index: number, raw: unknown) {
  const sent = (raw as { externalId?: unknown } | null)?.externalId;
  const externalId = typeof sent === "string" ? sent : null;
  if (outcome.ok)
    return { index, externalId, status: outcome.replayed ? 200 : 201, ...outcome.result };
  const failure = errorBodyOf(outcome.error);
  if (failure === null) {
    // A server error on this order alone (the others of the batch are answered as usual): logged
    // like a failed request, answered 500 like that order posted alone.
    console.error(`POST /api/v1/orders/batch: order ${index} failed:`, outcome.error);
    return {
      index,
      externalId,
      status: 500,
      error: {
        code: "internal_error",
        message:
          "This order could not be posted because of an error on the server; nothing of it was written. Send it again (its key is its externalId, so it cannot be posted twice); if it keeps failing, report it with the order's externalId.",
        issues: [],
      },
    };
  }
  return { index, externalId, status: failure.status, error: failure.error };
}

export const routes: Route[] = [
  {
    method: "POST",
    pattern: "customers",
    scope: "customers:write",
    run: async (call) => {
      const result = await upsertCustomer(ctxOf(call), call.body);
      return { status: result.created ? 201 : 200, body: result };
    },
  },
  {
    method: "GET",
    pattern: "customers/:customerId/balance",
    scope: "rewards:read",
    run: async (call) => ({
      status: 200,
      body: await customerBalance(ctxOf(call), call.params.customerId!),
    }),
  },
  {
    method: "POST",
    pattern: "orders",
    scope: "orders:write",
    run: async (call) => answer(await postOrderOutcome(ctxOf(call), call.body, optionalKey(call))),
  },
  {
    method: "POST",
    pattern: "orders/batch",
    scope: "orders:write",
    maxBodyBytes: 10_000_000,
    run: async (call) => {
      if (call.idempotencyKey !== null)
        throw invalid(
          "Idempotency-Key: is not used on batches; each order's key is its externalId, so resending the batch is safe.",
        );
      const outcomes = await postOrderBatch(ctxOf(call), call.body);
      const sent = (call.body as { orders: unknown[] }).orders;
      const results = outcomes.map((outcome, index) => batchResult(outcome, index, sent[index]));
      const count = (test: (status: number) => boolean) =>
        results.filter((r) => test(r.status)).length;
      return {
        status: 200,
        body: {
          posted: count((s) => s === 201),
          replayed: count((s) => s === 200),
          failed: count((s) => s >= 400),
          results,
        },
      };
    },
  },
  {
    method: "POST",
    pattern: "refunds",
    scope: "orders:write",
    run: async (call) => answer(await postRefundOutcome(ctxOf(call), call.body, optionalKey(call))),
  },
  {
    method: "POST",
    pattern: "events",
    scope: "events:write",
    run: async (call) => {
      const result = await postEvent(ctxOf(call), call.body);
      return { status: result.created ? 201 : 200, body: result };
    },
  },
  {
    method: "POST",
    pattern: "redemptions",
    scope: "rewards:redeem",
    run: async (call) => answer(await redeemOutcome(ctxOf(call), call.body, requiredKey(call))),
  },
];

/** The route for a path (segments after /api/v1) and the values of its ":name" segments. */
export function matchRoute(
  method: string,
  segments: string[],
): { route: Route; params: Record<string, string> } | "wrong-method" | null {
  let pathMatched = false;
  for (const route of routes) {
    const parts = route.pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? "wrong-method" : null;
}
