import { sql } from "drizzle-orm";
import { queryRows, refreshCustomerActivity, type Database } from "@boomerang/db";
import { conflict, invalid, notFound } from "../../errors";
import { getBusinessProfile } from "../settings";
import type { ProgramOutcome } from "./apply-event";
import { applyProgramEvents } from "./apply-programs";
import { idempotent } from "./idempotency";
import type { IngestContext } from "./lookups";
import { orderEventOf } from "./order-event";
import { orderInput, type OrderInput } from "./schemas";
import { inTransaction } from "./transaction";

export type PostOrderResult = {
  order: { id: number; externalId: string; customerId: string; total: number; placedAt: string };
  programs: ProgramOutcome[];
  [key: string]: unknown;
};

type OrderContext = {
  currency: string | null;
  customerId: number | null;
  storeId: number | null;
  orderExists: boolean;
};

/**
 * Everything an order is checked against, in one round trip: the business currency, the customer,
 * the store and whether the order id is taken.
 */
async function orderContext(tx: Database, input: OrderInput): Promise<OrderContext> {
  const [row] = await queryRows<OrderContext>(
    tx,
    sql`select (select currency from business_settings where id = 1) as currency,
               (select id::int from customers where external_id = ${input.customerId}) as "customerId",
               (select id::int from stores where code = ${input.storeCode ?? null}) as "storeId",
               exists (select 1 from orders where external_id = ${input.externalId}) as "orderExists"`,
  );
  return row!;
}

/** The order and its items in one statement. */
async function insertOrder(
  tx: Database,
  input: OrderInput,
  customerId: number,
  storeId: number | null,
  subtotal: number,
) {
  const items = input.items.map((item) => ({
    sku: item.sku,
    name: item.name,
    category: item.category,
    quantity: item.quantity,
    unit_price: item.unitPrice,
  }));
  const [order] = await queryRows<{ id: number }>(
    tx,
    sql`with o as (
          insert into orders (external_id, customer_id, store_id, placed_at, subtotal, discount, total, currency, channel)
          values (${input.externalId}, ${customerId}, ${storeId}, ${input.placedAt}::timestamptz, ${subtotal},
                  ${input.discount}, ${subtotal - input.discount}, ${input.currency}, ${input.channel}::sales_channel)
          returning id),
        i as (
          insert into order_items (order_id, sku, name, category, quantity, unit_price)
          select o.id, r.sku, r.name, r.category, r.quantity, r.unit_price
          from o, json_to_recordset(${JSON.stringify(items)}::json)
                  as r(sku text, name text, category text, quantity int, unit_price bigint))
        select id::int as id from o`,
  );
  return {
    id: order!.id,
    externalId: input.externalId,
    placedAt: new Date(input.placedAt),
    total: subtotal - input.discount,
  };
}

/**
 * Records an order and applies every active program the customer is enrolled in, in one
 * transaction: the order, its ledger entries, the members' new states and the customer's features
 * are committed together or not at all. The idempotency key (default: the order's externalId)
 * makes a retry return the first response.
 */
export async function postOrder(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey?: string,
): Promise<PostOrderResult> {
  const input = orderInput.parse(raw);
  return inTransaction(ctx.db, (tx) =>
    idempotent(
      tx,
      {
        operation: "order",
        key: idempotencyKey ?? `order:${input.externalId}`,
        payload: input,
        apiKeyId: ctx.apiKeyId,
      },
      async () => {
        const found = await orderContext(tx, input);
        const currency = found.currency ?? (await getBusinessProfile(tx)).currency;
        if (input.currency !== currency)
          throw invalid(`currency: the business sells in ${currency}, not ${input.currency}.`);
        if (found.customerId === null) throw notFound(`Customer "${input.customerId}"`);
        if (input.storeCode !== null && input.storeCode !== undefined && found.storeId === null)
          throw invalid(`storeCode: there is no store with code "${input.storeCode}".`);
        if (found.orderExists)
          throw conflict(
            `Order "${input.externalId}" was already posted (with another idempotency key).`,
          );
        const customer = { id: found.customerId };
        const storeId = found.storeId;
        const subtotal =
          input.subtotal ??
          input.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
        const order = await insertOrder(tx, input, customer.id, storeId, subtotal);
        const event = orderEventOf(
          {
            id: order.id,
            customerId: customer.id,
            placedAt: order.placedAt,
            subtotal,
            discount: input.discount,
            channel: input.channel,
            storeId,
            lines: input.items,
          },
          input,
        );
        const [programs = []] = await applyProgramEvents(tx, [{ customerId: customer.id, event }]);
        await refreshCustomerActivity(tx, [customer.id], ctx.now);
        return {
          order: {
            id: order.id,
            externalId: order.externalId,
            customerId: input.customerId,
            total: order.total,
            placedAt: order.placedAt.toISOString(),
          },
          programs,
        };
      },
    ),
  );
}
