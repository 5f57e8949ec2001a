import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { apiScopes, createApiKey, createRateLimiter } from "../../api-keys";
import { enrollInRewards } from "../../../test/enroll-in-rewards";
import { handleIngestRequest } from ".";

const now = new Date("2025-07-01T12:00:00Z");

// Values near the valid ones (right names, wrong types, edge numbers, odd strings) find more than
// pure noise, which the JSON parser or the first type check would reject at once.
const oddString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "ANNA",
    "MIL",
    "EUR",
    "online",
    "2025-06-30T10:00:00Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59+14:00",
    "perk",
  ),
);
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER, 1, 100),
);
const scalar = fc.oneof(oddString, oddNumber, fc.boolean(), fc.constant(null));
const fieldNames = [
  "externalId",
  "customerId",
  "orderId",
  "placedAt",
  "refundedAt",
  "occurredAt",
  "currency",
  "channel",
  "storeCode",
  "subtotal",
  "discount",
  "amount",
  "items",
  "points",
  "rewardId",
  "programId",
  "type",
  "payload",
  "name",
  "email",
  "consent",
  "birthDate",
  "signedUpAt",
  "homeStoreCode",
  "redeemPoints",
];
const item = fc.record(
  { sku: scalar, name: scalar, category: scalar, quantity: scalar, unitPrice: scalar },
  { requiredKeys: [] },
);
const value = fc.oneof(
  scalar,
  fc.array(item, { maxLength: 3 }),
  fc.dictionary(oddString, scalar, { maxKeys: 3 }),
);
const fields = fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 12 });
// A valid order with a few fields replaced, so batches reach the database checks and writes too.
const nearlyValidOrder = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fields)
  .map(([n, changes]) => ({
    externalId: `FUZZ-${n}`,
    customerId: "ANNA",
    placedAt: "2025-06-30T10:00:00Z",
    currency: "EUR",
    channel: "offline",
    storeCode: "MIL",
    items: [{ sku: "A1", name: "Beans", category: "coffee", quantity: 1, unitPrice: 1250 }],
    ...changes,
  }));
const body = fc.oneof(
  fields,
  fc.record({ orders: fc.array(fc.oneof(nearlyValidOrder, fields, scalar), { maxLength: 6 }) }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
);
const endpoint = fc.constantFrom(
  ["POST", "customers"],
  ["POST", "orders"],
  ["POST", "orders/batch"],
  ["POST", "refunds"],
  ["POST", "events"],
  ["POST", "redemptions"],
  ["GET", "customers/ANNA/balance"],
  ["GET", "customers/%E0%A4%A/balance"],
  ["GET", "customers/%00/balance"],
  ["DELETE", "orders"],
  ["GET", "orders/batch"],
);

describe.each(testDrivers())("fuzzing the ingest REST API on $name", (driver) => {
  let handle: DbHandle;
  let key: string;
  beforeAll(async () => {
    handle = await openTestDb(driver, "ingest_fuzz");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    const customer = await makeCustomer(handle.db, { externalId: "ANNA" });
    await enrollInRewards(handle.db, customer.id);
    const admin = await makeUser(handle.db, { role: "admin" });
    key = (await createApiKey(handle.db, admin.id, { name: "fuzz", scopes: [...apiScopes] }, now))
      .secret;
  }, 60_000);
  afterAll(() => handle.close());

  it("never answers generated input with a 5xx", async () => {
    const limiter = createRateLimiter({ capacity: 1_000_000, refillPerSecond: 1 });
    await fc.assert(
      fc.asyncProperty(
        endpoint,
        body,
        fc.option(oddString.filter((s) => /^[\x20-\x7e]*$/.test(s))),
        async ([method, path], payload, idempotencyKey) => {
          const headers: Record<string, string> = {
            authorization: `Bearer ${key}`,
            "content-type": "application/json",
          };
          if (idempotencyKey !== null) headers["idempotency-key"] = idempotencyKey;
          const request = new Request(`http://boomerang.test/api/v1/${path}`, {
            method,
            headers,
            body:
              method === "GET"
                ? undefined
                : typeof payload === "string"
                  ? payload
                  : JSON.stringify(payload),
          });
          const response = await handleIngestRequest({ db: handle.db, now, limiter }, request);
          expect(response.status, await response.clone().text()).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  }, 240_000);

  it("never answers a generated batch of orders with a 5xx, and answers each order", async () => {
    const limiter = createRateLimiter({ capacity: 1_000_000, refillPerSecond: 1 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(nearlyValidOrder, nearlyValidOrder, fields, scalar), {
          minLength: 1,
          maxLength: 8,
        }),
        async (orders) => {
          const request = new Request("http://boomerang.test/api/v1/orders/batch", {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify({ orders }),
          });
          const response = await handleIngestRequest({ db: handle.db, now, limiter }, request);
          const text = await response.text();
          expect(response.status, text).toBe(200);
          const answer = JSON.parse(text) as { results: { status: number }[] };
          expect(answer.results).toHaveLength(orders.length);
          for (const result of answer.results)
            expect([200, 201, 400, 404, 409]).toContain(result.status);
        },
      ),
      { numRuns: 100 },
    );
  }, 240_000);
});
