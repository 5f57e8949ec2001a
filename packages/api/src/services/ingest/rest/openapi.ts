import { z } from "zod";
import { apiScopes } from "../../api-keys/scopes";
import { customerInput, eventInput, orderInput, redeemInput, refundInput } from "../schemas";

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

const idempotencyKey = (required: boolean) => ({
  name: "Idempotency-Key",
  in: "header",
  required,
  description:
    "A unique string per operation (8–200 characters). Retrying with it returns the first response; reusing it with another payload is a 409.",
  schema: { type: "string", minLength: 8, maxLength: 200 },
});

const post = (
  summary: string,
  scope: string,
  body: z.ZodType,
  extra: Record<string, unknown> = {},
) => ({
  post: {
    summary,
    description: `Scope: ${scope}.`,
    security: [{ apiKey: [] }],
    requestBody: { required: true, content: { "application/json": { schema: schema(body) } } },
    responses: {
      "200": { description: "Done (already existed)." },
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
      description: `For the systems that sell: customers, orders, refunds, events, balances and redemptions. Authenticate with 'Authorization: Bearer <key>' (keys are created by admins on the Data page). Scopes: ${apiScopes.join(", ")}. Money is integer minor units (cents).`,
    },
    servers: [{ url: "/api/v1" }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
    paths: {
      "/customers": post(
        "Create or update a customer by externalId",
        "customers:write",
        customerInput,
      ),
      "/orders": post(
        "Post an order; every active program the customer is enrolled in is applied",
        "orders:write",
        orderInput,
        {
          parameters: [idempotencyKey(false)],
        },
      ),
      "/refunds": post(
        "Post a refund of an order; programs claw back what it earned",
        "orders:write",
        refundInput,
        {
          parameters: [idempotencyKey(false)],
        },
      ),
      "/events": post("Post a customer event (visit, review, ...)", "events:write", eventInput),
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
