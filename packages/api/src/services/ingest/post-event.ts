import { customerEvents } from "@boomerang/db";
import { customerByExternalId, storeIdByCode, type IngestContext } from "./lookups";
import { eventInput } from "./schemas";
import { inTransaction } from "./transaction";

export type PostEventResult = { externalId: string; created: boolean };

/** Stores a customer event; posting the same externalId again changes nothing. */
export async function postEvent(ctx: IngestContext, raw: unknown): Promise<PostEventResult> {
  const input = eventInput.parse(raw);
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
    return { externalId: input.externalId, created: inserted.length > 0 };
  });
}
