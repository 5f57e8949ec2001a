import { z } from "zod";

/**
 * What selling systems send to the ingest API. These schemas are the single source for request
 * validation and for the OpenAPI document (through z.toJSONSchema).
 */
const externalId = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");
const instantString = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 date-time, e.g. 2025-06-30T14:05:00Z",
});
/** Largest amount in minor units (10 billion in a two-decimal currency). */
const MAX_MINOR = 1_000_000_000_000;
const minor = z
  .number()
  .int("must be a whole number of minor units (cents)")
  .min(0, "must not be negative")
  .max(MAX_MINOR, "is too large");

export const customerInput = z
  .object({
    externalId: externalId.describe(
      "Your system's id for the customer; upserting again with it updates the customer.",
    ),
    name: z.string().trim().min(1, "must not be empty").max(300),
    email: z.email("must be an email address").nullish(),
    phone: z.string().trim().max(50).nullish(),
    birthDate: z.iso.date("must be a date like 1990-04-21").nullish(),
    gender: z.enum(["female", "male", "other", "unknown"]).optional(),
    city: z.string().trim().max(200).nullish(),
    region: z.string().trim().max(200).nullish(),
    preferredChannel: z.enum(["email", "sms", "messenger", "push"]).nullish(),
    consent: z
      .object({ email: z.boolean(), sms: z.boolean(), messenger: z.boolean(), push: z.boolean() })
      .partial()
      .strict()
      .optional(),
    signedUpAt: instantString.optional(),
    homeStoreCode: z.string().trim().min(1).max(50).nullish(),
  })
  .strict();

export const orderItemInput = z
  .object({
    sku: z.string().trim().min(1, "must not be empty").max(200),
    name: z.string().trim().min(1, "must not be empty").max(300),
    category: z.string().trim().min(1, "must not be empty").max(200),
    quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(100_000),
    unitPrice: minor.describe("Price of one unit before discounts, minor units"),
  })
  .strict();

export const orderInput = z
  .object({
    externalId: externalId.describe("Your system's id for the order; an order can be posted once."),
    customerId: externalId.describe("The customer's externalId."),
    storeCode: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .nullish()
      .describe("Store code; empty for the online shop."),
    placedAt: instantString,
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as EUR"),
    channel: z.enum(["online", "offline"]),
    items: z.array(orderItemInput).max(1000, "at most 1000 items per order").default([]),
    subtotal: minor
      .optional()
      .describe("Before discounts, minor units; the sum of the items when items are given."),
    discount: minor.default(0).describe("Discounts from outside Boomerang, minor units."),
    redeemPoints: z.number().int().min(1).max(1_000_000_000).optional(),
    rewardId: z.string().trim().min(1).max(200).optional(),
    promoCode: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((order, ctx) => {
    const itemsTotal = order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    if (order.items.length === 0 && order.subtotal === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["subtotal"],
        message: "is required when the order has no items",
      });
    // Above this, sums and points in JavaScript numbers would no longer be exact.
    if (itemsTotal > MAX_MINOR)
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: `add up to ${itemsTotal}, more than ${MAX_MINOR} minor units an order may total`,
      });
    if (order.items.length > 0 && order.subtotal !== undefined && order.subtotal !== itemsTotal)
      ctx.addIssue({
        code: "custom",
        path: ["subtotal"],
        message: `is ${order.subtotal} but the items add up to ${itemsTotal}`,
      });
    const subtotal = order.subtotal ?? itemsTotal;
    if (order.discount > subtotal)
      ctx.addIssue({
        code: "custom",
        path: ["discount"],
        message: `is larger than the subtotal (${subtotal})`,
      });
  });

/** Most orders one batch request may carry. */
export const MAX_BATCH_ORDERS = 500;
const batchSize = <T extends z.ZodType>(order: T) =>
  z
    .array(order)
    .min(1, "must hold at least one order")
    .max(MAX_BATCH_ORDERS, `must hold at most ${MAX_BATCH_ORDERS} orders; send several batches`);

/**
 * A batch of orders as checked on arrival: the envelope only, so each order is then validated on
 * its own and a bad one is reported in its own result instead of refusing the batch.
 */
export const orderBatchEnvelope = z.object({ orders: batchSize(z.unknown()) }).strict();

/** The same batch as documented (each order is an `orderInput`). */
export const orderBatchInput = z
  .object({
    orders: batchSize(orderInput).describe(
      "Up to 500 orders. Each order's idempotency key is its externalId, as for POST /orders without an Idempotency-Key header.",
    ),
  })
  .strict();

export const refundInput = z
  .object({
    externalId: externalId.describe(
      "Your system's id for the refund; a refund can be posted once.",
    ),
    orderId: externalId.describe("The refunded order's externalId."),
    amount: minor.describe(
      "Money given back, minor units: at least 1, or 0 to return an order whose total is 0 (its discount covered it). Refunding all that is left of the order returns it whole: programs take back everything it counted, also for an order paid with points.",
    ),
    refundedAt: instantString,
  })
  .strict();

export const eventInput = z
  .object({
    externalId: externalId.describe(
      "Your system's id for the event; posting it again changes nothing.",
    ),
    customerId: externalId.describe("The customer's externalId."),
    type: z.enum([
      "visit",
      "product_viewed",
      "cart_abandoned",
      "message_sent",
      "message_opened",
      "message_clicked",
      "review",
      "referral",
    ]),
    occurredAt: instantString,
    storeCode: z.string().trim().min(1).max(50).nullish(),
    channel: z.enum(["email", "sms", "messenger", "push"]).nullish(),
    payload: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        'Free-form details. A referral\'s payload names the friend: { "friendId": the friend\'s externalId, "role": "referrer" (default) or "referee", "firstOrderAmount": minor units (else the referee\'s first order) }; it then rewards both customers through their programs.',
      ),
  })
  .strict();

export const redeemInput = z
  .object({
    customerId: externalId.describe("The customer's externalId."),
    programId: z.number().int().min(1).max(2_147_483_647, "is not a program id"),
    points: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(1_000_000_000)
      .optional(),
    rewardId: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((r) => (r.points === undefined) !== (r.rewardId === undefined), {
    message: "give either points or rewardId, not both",
    path: ["points"],
  });

/** The Idempotency-Key header, validated under its own name so a bad one is reported as such. */
export const idempotencyHeader = z.object({
  "Idempotency-Key": z
    .string({
      error: "is required: send an Idempotency-Key header (a unique string per operation)",
    })
    .trim()
    .min(8, "must be at least 8 characters")
    .max(200, "must be at most 200 characters"),
});

export type CustomerInput = z.output<typeof customerInput>;
export type OrderInput = z.output<typeof orderInput>;
export type RefundInput = z.output<typeof refundInput>;
export type EventInput = z.output<typeof eventInput>;
export type RedeemInput = z.output<typeof redeemInput>;
