import { z } from "zod";
import { field } from "./field-meta";

/**
 * Rules every program type respects; each type's schema extends this one. Days of week and times
 * are UTC like every instant in the engine.
 */
export const commonParams = z.object({
  segments: z
    .array(z.string().min(1))
    .default([])
    .meta(
      field({
        label: "Eligible segments",
        help: "Only customers in at least one of these segments take part. Empty: everyone.",
      }),
    ),
  startsAt: z
    .number()
    .int()
    .nullable()
    .default(null)
    .meta(
      field({
        label: "Starts",
        unit: "date",
        help: "Events before this instant earn nothing. Empty: from launch.",
      }),
    ),
  endsAt: z
    .number()
    .int()
    .nullable()
    .default(null)
    .meta(
      field({
        label: "Ends",
        unit: "date",
        help: "Events from this instant on earn nothing. Empty: no end.",
      }),
    ),
  daysOfWeek: z
    .array(z.number().int().min(0).max(6))
    .default([])
    .meta(
      field({ label: "Days of week", help: "0 = Sunday … 6 = Saturday (UTC). Empty: every day." }),
    ),
  channels: z
    .array(z.enum(["online", "store", "app"]))
    .default([])
    .meta(field({ label: "Channels", help: "Where orders count. Empty: all channels." })),
  stores: z
    .array(z.string().min(1))
    .default([])
    .meta(field({ label: "Stores", help: "Store ids where orders count. Empty: all stores." })),
  excludedCategories: z
    .array(z.string().min(1))
    .default([])
    .meta(
      field({
        label: "Excluded categories",
        help: "Lines in these categories neither earn nor get discounts (e.g. tobacco, gift cards).",
      }),
    ),
  budgetCap: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(
      field({
        label: "Budget cap",
        unit: "minor currency units",
        help: "Total reward cost across all customers. 0: no cap.",
      }),
    ),
  perCustomerCap: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(
      field({
        label: "Per-customer cap",
        unit: "minor currency units",
        help: "Total reward cost per customer. 0: no cap.",
      }),
    ),
  refundWindowDays: z
    .number()
    .int()
    .min(0)
    .max(730)
    .default(30)
    .meta(
      field({
        label: "Refund window",
        unit: "days",
        help: "Refunds later than this after the order no longer claw back rewards.",
      }),
    ),
});

export type CommonParams = z.output<typeof commonParams>;
