import type { Database } from "@boomerang/db";
import type { ApiScope } from "../../api-keys/scopes";
import { customerBalance } from "../balance";
import { postEvent } from "../post-event";
import { postOrder } from "../post-order";
import { postRefund } from "../post-refund";
import { redeem } from "../redeem";
import { idempotencyHeader } from "../schemas";
import { upsertCustomer } from "../upsert-customer";

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
};

const ctxOf = (call: RouteCall) => ({ db: call.db, now: call.now, apiKeyId: call.apiKeyId });
const requiredKey = (call: RouteCall): string =>
  idempotencyHeader.parse({ "Idempotency-Key": call.idempotencyKey ?? undefined })[
    "Idempotency-Key"
  ];
const optionalKey = (call: RouteCall) =>
  call.idempotencyKey === null ? undefined : requiredKey(call);

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
    run: async (call) => ({
      status: 201,
      body: await postOrder(ctxOf(call), call.body, optionalKey(call)),
    }),
  },
  {
    method: "POST",
    pattern: "refunds",
    scope: "orders:write",
    run: async (call) => ({
      status: 201,
      body: await postRefund(ctxOf(call), call.body, optionalKey(call)),
    }),
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
    run: async (call) => {
      return { status: 201, body: await redeem(ctxOf(call), call.body, requiredKey(call)) };
    },
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
