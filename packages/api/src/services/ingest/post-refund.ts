import { sql } from "drizzle-orm";
import { orderRefunds, queryRows } from "@boomerang/db";
import { conflict, invalid, notFound } from "../../errors";
import { applyEvent, type ProgramOutcome } from "./apply-event";
import { idempotentOutcome, senderKey } from "./idempotency";
import { orderByExternalId, type IngestContext } from "./lookups";
import { lockBudgets, memberPrograms } from "./member-programs";
import { refundInput } from "./schemas";
import { inTransaction } from "./transaction";
import { assertNotFuture } from "./when";

export type PostRefundResult = {
  refund: { id: number; externalId: string; orderId: string; amount: number; refundedAt: string };
  programs: ProgramOutcome[];
  [key: string]: unknown;
};

/**
 * Records money given back on an order and lets every program claw back what the order earned,
 * in one transaction. The refund's externalId is its idempotency key unless one is given.
 */
export async function postRefund(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey?: string,
): Promise<PostRefundResult> {
  return (await postRefundOutcome(ctx, raw, idempotencyKey)).result;
}

/** As postRefund, saying whether the answer is the first one's, for a retry. */
export async function postRefundOutcome(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey?: string,
): Promise<{ result: PostRefundResult; replayed: boolean }> {
  const input = refundInput.parse(raw);
  assertNotFuture("refundedAt", input.refundedAt, ctx.now);
  return inTransaction(ctx.db, (tx) =>
    idempotentOutcome(
      tx,
      {
        operation: "refund",
        key:
          idempotencyKey === undefined
            ? `refund:${input.externalId}`
            : senderKey(ctx.apiKeyId, idempotencyKey),
        payload: input,
        apiKeyId: ctx.apiKeyId,
      },
      async () => {
        const found = await orderByExternalId(tx, input.orderId);
        // Capped programs' budgets before any row lock, as every writer takes them.
        await lockBudgets(tx, [found.customerId]);
        // Lock the order so two refunds of it cannot both pass the "not more than was paid" check,
        // reading it again under the lock (an import may have edited it meanwhile), then read its
        // refunds in a statement of their own: one statement's snapshot is taken before it waits
        // for the lock, so it would miss a refund committed meanwhile.
        const [order] = await queryRows<{
          id: number;
          customerId: number;
          total: number;
          placedAt: number;
        }>(
          tx,
          sql`select id, customer_id::int as "customerId", total::float8 as total, (extract(epoch from placed_at) * 1000)::float8 as "placedAt"
              from orders where id = ${found.id} for update`,
        );
        if (order === undefined) throw notFound(`Order "${input.orderId}"`);
        // The same refund under another idempotency key (or none, then one): its key did not
        // match, but its externalId is taken. Said plainly rather than as a race to retry.
        const [taken] = await queryRows<{ id: number }>(
          tx,
          sql`select id from order_refunds where external_id = ${input.externalId}`,
        );
        if (taken !== undefined)
          throw conflict(
            `Refund "${input.externalId}" was already posted (with another idempotency key); a new refund needs a new externalId.`,
          );
        const [state] = await queryRows<{ refunded: number; refunds: number }>(
          tx,
          sql`select coalesce(sum(amount), 0)::float8 as refunded, count(*)::int as refunds
            from order_refunds where order_id = ${order.id}`,
        );
        const left = order.total - (state?.refunded ?? 0);
        if (input.amount > left)
          throw invalid(
            `amount: ${input.amount} is more than is left to refund on the order (${left}).`,
          );
        // An order whose discount covered all of it (total 0) is returned with amount 0, once.
        if (input.amount === 0 && order.total > 0)
          throw invalid("amount: must be at least 1; 0 only returns an order whose total is 0.");
        if (input.amount === 0 && (state?.refunds ?? 0) > 0)
          throw invalid("amount: the order was returned already.");
        const refundedAt = new Date(input.refundedAt);
        if (refundedAt.getTime() < order.placedAt)
          throw invalid("refundedAt: a refund cannot come before its order.");
        const [refund] = await tx
          .insert(orderRefunds)
          .values({
            externalId: input.externalId,
            orderId: order.id,
            amount: input.amount,
            refundedAt,
          })
          .returning();
        const members = await memberPrograms(tx, order.customerId, { lock: true });
        const programs: ProgramOutcome[] = [];
        for (const member of members) {
          const event = {
            kind: "refund",
            id: `refund-${refund!.id}`,
            customerId: String(order.customerId),
            at: refundedAt.getTime(),
            orderId: String(order.id),
            amount: input.amount,
            // The last of the order's money: the whole order comes back, so programs take back all
            // it counted, also what an order paid with points (nothing in money) counted.
            whole: input.amount === left,
          } as const;
          programs.push((await applyEvent(tx, member, order.customerId, event)).outcome);
        }
        return {
          refund: {
            id: refund!.id,
            externalId: input.externalId,
            orderId: input.orderId,
            amount: input.amount,
            refundedAt: refundedAt.toISOString(),
          },
          programs,
        };
      },
    ),
  );
}
