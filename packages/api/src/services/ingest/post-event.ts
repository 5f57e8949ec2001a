import { sql } from "drizzle-orm";
import { customerEvents, queryRows } from "@boomerang/db";
import { conflict, invalid } from "../../errors";
import type { ProgramOutcome } from "./apply-event";
import { customerByExternalId, storeIdByCode, type IngestContext } from "./lookups";
import { applyReferrals, referralPayload } from "./referral-events";
import { eventInput } from "./schemas";
import { inTransaction } from "./transaction";
import { assertNotFuture } from "./when";

export type PostEventResult = {
  externalId: string;
  created: boolean;
  /** What the event did in the customer's programs (a referral), empty for other events. */
  programs: ProgramOutcome[];
};

/**
 * Stores a customer event; posting the same externalId again changes nothing. A referral (its
 * payload names the friend) runs through the programs of both customers in the same transaction,
 * like an order.
 */
export async function postEvent(ctx: IngestContext, raw: unknown): Promise<PostEventResult> {
  const input = eventInput.parse(raw);
  assertNotFuture("occurredAt", input.occurredAt, ctx.now);
  if (input.type === "referral" && Object.keys(input.payload).length > 0) {
    const payload = referralPayload.safeParse(input.payload);
    if (!payload.success)
      throw invalid(
        `payload: a referral's payload is { friendId, role?: "referrer" | "referee", firstOrderAmount? }: ${payload.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
      );
  }
  return inTransaction(ctx.db, async (tx) => {
    const customer = await customerByExternalId(tx, input.customerId);
    const storeId = await storeIdByCode(tx, input.storeCode);
    const inserted = await tx
      .insert(customerEvents)
      .values({
        externalId: input.externalId,
        customerId: customer.id,
        type: input.type,
        occurredAt: new Date(input.occurredAt),
        storeId,
        channel: input.channel ?? null,
        payload: input.payload,
      })
      .onConflictDoNothing({ target: customerEvents.externalId })
      .returning({ id: customerEvents.id });
    const created = inserted[0];
    if (created === undefined) {
      // Posted before: the same event again changes nothing, but another event under its id is a
      // mistake to say, not to drop without a word.
      const [same] = await queryRows<{ same: boolean }>(
        tx,
        sql`select (customer_id = ${customer.id} and type = ${input.type}
                    and occurred_at = ${new Date(input.occurredAt).toISOString()}::timestamptz
                    and payload = ${JSON.stringify(input.payload)}::jsonb) as same
            from customer_events where external_id = ${input.externalId}`,
      );
      if (same !== undefined && !same.same)
        throw conflict(
          `Event "${input.externalId}" was already posted with another customer, type, time or payload; a new event needs a new externalId.`,
        );
    }
    let programs: ProgramOutcome[] = [];
    if (created !== undefined && input.type === "referral") {
      const outcomes = await applyReferrals(tx, [
        {
          id: created.id,
          customerId: customer.id,
          externalCustomerId: input.customerId,
          occurredAt: new Date(input.occurredAt),
          payload: input.payload,
        },
      ]);
      programs = outcomes[0] ?? [];
    }
    return { externalId: input.externalId, created: created !== undefined, programs };
  });
}
