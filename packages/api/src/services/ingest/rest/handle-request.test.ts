import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { createApiKey, createRateLimiter, revokeApiKey } from "../../api-keys";
import { enrollInRewards } from "../../../test/enroll-in-rewards";
import { handleIngestRequest } from ".";

const now = new Date("2025-07-01T12:00:00Z");
const base = "http://boomerang.test/api/v1";

describe.each(testDrivers())("ingest REST API on $name", (driver) => {
  let handle: DbHandle;
  let fullKey: string;
  let readOnlyKey: string;
  let programId: number;
  let limiter = createRateLimiter({ capacity: 1000, refillPerSecond: 1000 });

  const call = (
    method: string,
    path: string,
    options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== null) headers.authorization = `Bearer ${options.key ?? fullKey}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body);
    return handleIngestRequest(
      { db: handle.db, now, limiter },
      new Request(`${base}/${path}`, { method, headers, body }),
    );
  };
  /** ANNA's usable points in the rewards program, as the balance endpoint says. */
  const available = async () =>
    (
      (await (await call("GET", "customers/ANNA/balance")).json()) as {
        programs: { available: number }[];
      }
    ).programs[0]!.available;
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: { message: string } }).error.message;

  beforeAll(async () => {
    handle = await openTestDb(driver, "ingest_rest");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    const admin = await makeUser(handle.db, { role: "admin" });
    const customer = await makeCustomer(handle.db, { externalId: "ANNA" });
    programId = (await enrollInRewards(handle.db, customer.id)).id;
    fullKey = (
      await createApiKey(
        handle.db,
        admin.id,
        {
          name: "till",
          scopes: [
            "customers:write",
            "orders:write",
            "events:write",
            "rewards:read",
            "rewards:redeem",
          ],
        },
        now,
      )
    ).secret;
    readOnlyKey = (
      await createApiKey(handle.db, admin.id, { name: "reader", scopes: ["rewards:read"] }, now)
    ).secret;
  }, 60_000);
  afterAll(() => handle.close());

  it("serves the OpenAPI document without a key, generated from the request schemas", async () => {
    const response = await call("GET", "openapi.json", { key: null });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        {
          post?: {
            requestBody: { content: { "application/json": { schema: { required?: string[] } } } };
          };
        }
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(
      doc.paths["/orders"]?.post?.requestBody.content["application/json"].schema.required,
    ).toEqual(
      expect.arrayContaining(["externalId", "customerId", "placedAt", "currency", "channel"]),
    );
  });

  it("refuses a missing, unknown or revoked key with 401 and a missing scope with 403", async () => {
    expect((await call("GET", "customers/ANNA/balance", { key: null })).status).toBe(401);
    expect((await call("GET", "customers/ANNA/balance", { key: "bmr_nope" })).status).toBe(401);
    const forbidden = await call("POST", "orders", { key: readOnlyKey, body: {} });
    expect(forbidden.status).toBe(403);
    expect(await errorOf(forbidden)).toMatch(/orders:write/);
    const admin = await makeUser(handle.db, { role: "admin" });
    const doomed = await createApiKey(
      handle.db,
      admin.id,
      { name: "old", scopes: ["rewards:read"] },
      now,
    );
    expect((await call("GET", "customers/ANNA/balance", { key: doomed.secret })).status).toBe(200);
    await revokeApiKey(handle.db, admin.id, doomed.id, now);
    const revoked = await call("GET", "customers/ANNA/balance", { key: doomed.secret });
    expect(revoked.status).toBe(401);
    expect(await errorOf(revoked)).toMatch(/revoked/);
  });

  it("answers bad input with 400 and what is wrong, unknown things with 404", async () => {
    const bad = await call("POST", "orders", {
      body: {
        externalId: "X",
        customerId: "ANNA",
        placedAt: "yesterday",
        currency: "eur",
        channel: "online",
        subtotal: -1,
      },
    });
    expect(bad.status).toBe(400);
    const message = await errorOf(bad);
    expect(message).toMatch(/placedAt: must be an ISO 8601 date-time/);
    expect(message).toMatch(/currency: must be a three-letter ISO 4217 code/);
    expect(message).toMatch(/subtotal: must not be negative/);
    expect((await call("POST", "orders", { body: "{not json" })).status).toBe(400);
    expect(
      (await call("POST", "orders", { body: { ...validOrder("O-404"), customerId: "NOBODY" } }))
        .status,
    ).toBe(404);
    expect((await call("GET", "nothing-here")).status).toBe(404);
    expect((await call("GET", "orders")).status).toBe(405);
  });

  it("reads a JSON body that starts with a byte-order mark, as .NET and PowerShell send it", async () => {
    const response = await call("POST", "customers", {
      body: `\uFEFF${JSON.stringify({ externalId: "BOM-1", name: "Bea Bom" })}`,
    });
    expect(response.status).toBeLessThan(300);
  });

  it("refuses a body over 1 MB with 413 without reading it whole", async () => {
    // 100 chunks of 64 kB (6.4 MB) as a stream without a length: counted as they are pulled.
    let pulled = 0;
    const chunk = new TextEncoder().encode(" ".repeat(65_536));
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled++ === 100) controller.close();
          else controller.enqueue(chunk);
        },
      });
    const post = (headers: Record<string, string>) =>
      handleIngestRequest(
        { db: handle.db, now, limiter },
        new Request(`${base}/orders`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${fullKey}`,
            "content-type": "application/json",
            ...headers,
          },
          body: stream(),
          duplex: "half",
        } as RequestInit),
      );
    const streamed = await post({});
    expect(streamed.status).toBe(413);
    expect(await errorOf(streamed)).toBe("The body is larger than 1000000 bytes.");
    expect(pulled).toBeLessThan(20);
    pulled = 0;
    // A declared length over the limit is refused before a byte is read.
    const declared = await post({ "content-length": "6553600" });
    expect(declared.status).toBe(413);
    expect(pulled).toBeLessThan(2);
  });

  it("posts an order once per idempotency key; a different payload under the key is 409", async () => {
    const first = await call("POST", "orders", {
      body: validOrder("O-1"),
      headers: { "idempotency-key": "order-key-0001" },
    });
    expect(first.status).toBe(201);
    const firstBody: unknown = await first.json();
    const retry = await call("POST", "orders", {
      body: validOrder("O-1"),
      headers: { "idempotency-key": "order-key-0001" },
    });
    // The first answer again, as a retry: 200, nothing written twice.
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(firstBody);
    const changed = await call("POST", "orders", {
      body: { ...validOrder("O-1"), subtotal: 1 },
      headers: { "idempotency-key": "order-key-0001" },
    });
    expect(changed.status).toBe(409);
  });

  it("redeems with a required Idempotency-Key and reports the balance", async () => {
    const missing = await call("POST", "redemptions", {
      body: { customerId: "ANNA", programId, rewardId: "perk" },
    });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatch(/Idempotency-Key: is required/);
    const redeemed = await call("POST", "redemptions", {
      body: { customerId: "ANNA", programId, rewardId: "perk" },
      headers: { "idempotency-key": "redeem-0001" },
    });
    expect(redeemed.status).toBe(201);
    const balance = (await (await call("GET", "customers/ANNA/balance")).json()) as {
      programs: { available: number }[];
    };
    expect(balance.programs[0]?.available).toBe(500 - 100);
    const tooMuch = await call("POST", "redemptions", {
      body: { customerId: "ANNA", programId, points: 5000 },
      headers: { "idempotency-key": "redeem-0002" },
    });
    expect(tooMuch.status).toBe(409);
  });

  it("keeps each API key's idempotency keys apart, and apart from the keys by externalId", async () => {
    const admin = await makeUser(handle.db, { role: "admin" });
    const other = (
      await createApiKey(
        handle.db,
        admin.id,
        { name: "web shop", scopes: ["orders:write", "rewards:redeem", "rewards:read"] },
        now,
      )
    ).secret;
    const before = await available();
    const redeem = (key: string) =>
      call("POST", "redemptions", {
        key,
        body: { customerId: "ANNA", programId, rewardId: "perk" },
        headers: { "idempotency-key": "shared-key-1" },
      });
    // Two systems that happen to pick the same key each redeem; each retry is its own replay.
    expect((await redeem(fullKey)).status).toBe(201);
    expect((await redeem(other)).status).toBe(201);
    expect((await redeem(other)).status).toBe(200);
    expect(await available()).toBe(before - 200);

    // A header that looks like another order's default key takes nothing from that order.
    const lookalike = await call("POST", "orders", {
      key: other,
      body: validOrder("O-other"),
      headers: { "idempotency-key": "order:O-victim" },
    });
    expect(lookalike.status).toBe(201);
    expect((await call("POST", "orders", { body: validOrder("O-victim") })).status).toBe(201);
  });

  it("refuses times in the future with 400 and changes nothing, so no points expire early", async () => {
    const before = await available();
    const future = await call("POST", "orders", {
      body: { ...validOrder("O-2027"), placedAt: "2027-12-31T00:00:00Z" },
    });
    expect(future.status).toBe(400);
    expect(await errorOf(future)).toMatch(/placedAt: 2027-12-31T00:00:00.000Z is in the future/);
    const refund = await call("POST", "refunds", {
      body: {
        externalId: "R-2030",
        orderId: "O-1",
        amount: 100,
        refundedAt: "2030-01-01T00:00:00Z",
      },
    });
    expect(refund.status).toBe(400);
    expect(await errorOf(refund)).toMatch(/refundedAt: .* is in the future/);
    const event = await call("POST", "events", {
      body: {
        externalId: "E-2030",
        customerId: "ANNA",
        type: "visit",
        occurredAt: "2030-01-01T00:00:00Z",
      },
    });
    expect(event.status).toBe(400);
    expect(await available()).toBe(before);
    // A till whose clock runs a few minutes fast is fine.
    const fast = await call("POST", "orders", {
      body: { ...validOrder("O-fast"), placedAt: "2025-07-01T12:05:00Z" },
    });
    expect(fast.status).toBe(201);
  });

  it("stores sale times to the millisecond, so a refund at the same instant is not before it", async () => {
    const placed = await call("POST", "orders", {
      body: { ...validOrder("O-micro"), placedAt: "2025-06-30T10:00:00.9999Z" },
    });
    expect(placed.status).toBe(201);
    const refund = await call("POST", "refunds", {
      body: {
        externalId: "R-micro",
        orderId: "O-micro",
        amount: 100,
        refundedAt: "2025-06-30T10:00:00.9999Z",
      },
    });
    expect(refund.status).toBe(201);
    // The same refund again under a header key: taken, said plainly, not "retry".
    const again = await call("POST", "refunds", {
      body: {
        externalId: "R-micro",
        orderId: "O-micro",
        amount: 100,
        refundedAt: "2025-06-30T10:00:00.9999Z",
      },
      headers: { "idempotency-key": "refund-hdr-1" },
    });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatch(/Refund "R-micro" was already posted/);
  });

  it("takes the same event again as nothing new, and another event under its id as a 409", async () => {
    const event = {
      externalId: "E-visit-1",
      customerId: "ANNA",
      type: "visit",
      occurredAt: "2025-06-30T09:00:00+02:00",
      payload: { source: "app", screens: 3 },
    };
    expect((await call("POST", "events", { body: event })).status).toBe(201);
    // The same event, its time written in UTC and its payload keys in another order.
    const again = await call("POST", "events", {
      body: {
        ...event,
        occurredAt: "2025-06-30T07:00:00Z",
        payload: { screens: 3, source: "app" },
      },
    });
    expect(again.status).toBe(200);
    const other = await call("POST", "events", { body: { ...event, type: "review" } });
    expect(other.status).toBe(409);
    expect(await errorOf(other)).toMatch(/Event "E-visit-1" was already posted/);
  });

  it("takes JSON in UTF-8 only, and says so", async () => {
    const send = (type: string) =>
      handleIngestRequest(
        { db: handle.db, now, limiter },
        new Request(`${base}/customers`, {
          method: "POST",
          headers: { authorization: `Bearer ${fullKey}`, "content-type": type },
          body: JSON.stringify({ externalId: "CT-1", name: "Carla" }),
        }),
      );
    expect((await send("application/json-patch+json")).status).toBe(415);
    expect((await send("application/json; charset=iso-8859-1")).status).toBe(415);
    expect((await send("application/json; charset=UTF-8")).status).toBe(201);
  });

  it("limits the rate per key with 429 and Retry-After", async () => {
    limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1 });
    expect((await call("GET", "customers/ANNA/balance")).status).toBe(200);
    expect((await call("GET", "customers/ANNA/balance")).status).toBe(200);
    const limited = await call("GET", "customers/ANNA/balance");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    // Another key has its own bucket.
    expect((await call("GET", "customers/ANNA/balance", { key: readOnlyKey })).status).toBe(200);
    limiter = createRateLimiter({ capacity: 1000, refillPerSecond: 1000 });
  });
});

function validOrder(externalId: string) {
  return {
    externalId,
    customerId: "ANNA",
    placedAt: "2025-06-30T10:00:00Z",
    currency: "EUR",
    channel: "offline",
    storeCode: "MIL",
    subtotal: 50_000,
  };
}
