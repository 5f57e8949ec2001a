import { customerEvents } from "@boomerang/db";
import { invalid } from "../../errors";
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
