import { z } from "zod";
import { apiScopes } from "../../api-keys/scopes";
import { CLOCK_SKEW_MS } from "../when";
import {
  customerInput,
  eventInput,
  orderBatchInput,
  orderInput,
  redeemInput,
  refundInput,
} from "../schemas";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const errorBody = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string" },
        message: { type: "string", description: "What is wrong, in words." },
        issues: {
          type: "array",
          items: {
            type: "object",
            properties: { path: { type: "string" }, message: { type: "string" } },
          },
        },
      },
    },
  },
};

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: errorDescriptions[s], content: { "application/json": { schema: errorBody } } },
    ]),
  );

const errorDescriptions: Record<number, string> = {
  400: "Bad input: the message and issues say which field and what is wrong.",
  401: "Missing, unknown or revoked API key.",
  403: "The API key lacks the scope this endpoint needs.",
  404: "The customer, order or program does not exist.",
  409: "Conflict: the idempotency key was used with another payload, the thing exists already, or the balance cannot pay.",
  429: "Rate limit for this key exceeded; see Retry-After.",
};

const batchAnswer = {
  type: "object",
  properties: {
    posted: { type: "integer", description: "Orders written by this request." },
    replayed: { type: "integer", description: "Orders posted before with the same payload." },
    failed: {
      type: "integer",
      description: "Orders refused or failed (status 400 and above); nothing of them was written.",
    },
    results: {
      type: "array",
      items: {
        type: "object",
        required: ["index", "status"],
        properties: {
          index: { type: "integer", description: "Position of the order in the request." },
          externalId: { type: ["string", "null"] },
          status: { type: "integer", enum: [200, 201, 400, 404, 409, 500] },
          order: { type: "object", description: "The posted order (200, 201)." },
          programs: {
            type: "array",
            items: { type: "object" },
            description: "What each program did (200, 201).",
          },
          error: errorBody.properties.error,
        },
      },
    },
  },
};

const idempotencyKey = (required: boolean) => ({
  name: "Idempotency-Key",
  in: "header",
  required,
  description:
    "A unique string per operation (8–200 characters), kept per API key. Retrying with it returns the first response (200); reusing it with another payload is a 409.",
  schema: { type: "string", minLength: 8, maxLength: 200 },
});

const retried =
  "Done before: a retry of the same request (same idempotency key, or same externalId), answered with the first response; nothing was written again.";

const post = (
  summary: string,
  scope: string,
  body: z.ZodType,
  extra: Record<string, unknown> = {},
  done = retried,
) => ({
  post: {
    summary,
    description: `Scope: ${scope}.`,
    security: [{ apiKey: [] }],
    requestBody: { required: true, content: { "application/json": { schema: schema(body) } } },
    responses: {
      "200": { description: done },
      "201": { description: "Created." },
      ...errors(400, 401, 403, 404, 409, 429),
    },
    ...extra,
  },
});

/** The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Boomerang ingest API",
      version: "1.0.0",
      description: `For the systems that sell: customers, orders, refunds, events, balances and redemptions. Authenticate with 'Authorization: Bearer <key>' (keys are created by admins on the Data page). Scopes: ${apiScopes.join(", ")}. Money is integer minor units (cents). Times carry a UTC offset and may not be later than the server's clock plus ${CLOCK_SKEW_MS / 60_000} minutes. Bodies are UTF-8 JSON, nested at most 32 levels.`,
    },
    servers: [{ url: "/api/v1" }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
    paths: {
      "/customers": post(
        "Create or update a customer by externalId",
        "customers:write",
        customerInput,
        {},
        "Updated: a customer with this externalId existed; the fields sent replaced theirs.",
      ),
      "/orders": post(
        "Post an order; every active program the customer is enrolled in is applied",
        "orders:write",
        orderInput,
        {
          parameters: [idempotencyKey(false)],
        },
      ),
      "/orders/batch": {
        post: {
          summary: "Post up to 500 orders in one request; each is checked and answered on its own",
          description:
            "Scope: orders:write. The orders that pass their checks are written in one transaction, each with every active program its customer is enrolled in applied (a customer's orders in time order); an order that fails its checks writes nothing and gets its own error in `results`, without stopping the others. Each order's idempotency key is its externalId (send no Idempotency-Key header): resending a batch, or one of its orders to POST /orders, posts nothing twice — orders already posted answer 200 with their first response, the same externalId with another payload 409. A batch counts as one request for the rate limit.",
          security: [{ apiKey: [] }],
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(orderBatchInput) } },
          },
          responses: {
            "200": {
              description:
                "One result per order, in the order sent: `status` is what POST /orders would have answered (201 posted, 200 posted before with this payload, 400/404/409 refused, 500 an error of the server on that order alone: send it again), with the order and its programs or the error.",
              content: { "application/json": { schema: batchAnswer } },
            },
            ...errors(400, 401, 403, 429),
          },
        },
      },
      "/refunds": post(
        "Post a refund of an order; programs claw back what it earned",
        "orders:write",
        refundInput,
        {
          parameters: [idempotencyKey(false)],
        },
      ),
      "/events": post(
        "Post a customer event (visit, review, ...)",
        "events:write",
        eventInput,
        {},
        "Recorded before: an event with this externalId exists; nothing changed.",
      ),
      "/redemptions": post("Redeem points or a catalog reward", "rewards:redeem", redeemInput, {
        parameters: [idempotencyKey(true)],
      }),
      "/customers/{customerId}/balance": {
        get: {
          summary: "A customer's usable and pending balance and affordable rewards per program",
          description: "Scope: rewards:read.",
          security: [{ apiKey: [] }],
          parameters: [
            {
              name: "customerId",
              in: "path",
              required: true,
              schema: { type: "string" },
              description: "The customer's externalId.",
            },
          ],
          responses: {
            "200": { description: "Balances per program." },
            ...errors(401, 403, 404, 429),
          },
        },
      },
    },
  };
}
