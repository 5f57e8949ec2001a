import { eq } from "drizzle-orm";
import { orderItems, orders, refreshCustomerActivity, type Database } from "@boomerang/db";
import { conflict, invalid } from "../../errors";
import { getBusinessProfile } from "../settings";
import type { ProgramOutcome } from "./apply-event";
import { applyProgramEvents } from "./apply-programs";
import { idempotent } from "./idempotency";
import { customerByExternalId, storeIdByCode, type IngestContext } from "./lookups";
import { orderEventOf } from "./order-event";
import { orderInput, type OrderInput } from "./schemas";
import { inTransaction } from "./transaction";

export type PostOrderResult = {
  order: { id: number; externalId: string; customerId: string; total: number; placedAt: string };
  programs: ProgramOutcome[];
  [key: string]: unknown;
};

async function insertOrder(
  tx: Database,
  input: OrderInput,
  customerId: number,
  storeId: number | null,
  subtotal: number,
) {
  const [existing] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.externalId, input.externalId));
  if (existing !== undefined)
    throw conflict(
      `Order "${input.externalId}" was already posted (with another idempotency key).`,
    );
  const [order] = await tx
    .insert(orders)
    .values({
      externalId: input.externalId,
      customerId,
      storeId,
      placedAt: new Date(input.placedAt),
      subtotal,
      discount: input.discount,
      total: subtotal - input.discount,
      currency: input.currency,
      channel: input.channel,
    })
    .returning();
  if (input.items.length > 0)
    await tx
      .insert(orderItems)
      .values(input.items.map((item) => ({ ...item, orderId: order!.id })));
  return order!;
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
        const business = await getBusinessProfile(tx);
        if (input.currency !== business.currency)
          throw invalid(
            `currency: the business sells in ${business.currency}, not ${input.currency}.`,
          );
        const customer = await customerByExternalId(tx, input.customerId);
        const storeId = await storeIdByCode(tx, input.storeCode);
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
