import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import type { ReferralEvent } from "@boomerang/domain/programs";
import { z } from "zod";
import { applyProgramEvents, type CustomerProgramEvent } from "./apply-programs";

/**
 * What a stored "referral" customer event says, in its payload: the friend (their external id),
 * which side the event's customer is on (default: they referred the friend), and optionally the
 * amount of the referee's first order (else it is read from the referee's first stored order).
 */
export const referralPayload = z.object({
  friendId: z.string().trim().min(1).max(200),
  role: z.enum(["referrer", "referee"]).default("referrer"),
  firstOrderAmount: z.number().int().min(0).max(1e12).optional(),
});

/** A referral event as stored: database ids, the instant, the payload. */
export type StoredReferral = {
  id: number;
  customerId: number;
  externalCustomerId: string;
  occurredAt: Date;
  payload: unknown;
};

type Friend = { externalId: string; id: number; firstOrder: number | null };

/** Known friends by external id, with the total of their first order (null without one). */
async function friendsOf(
  tx: Database,
  externalIds: readonly string[],
): Promise<Map<string, Friend>> {
  if (externalIds.length === 0) return new Map();
  const rows = await queryRows<Friend>(
    tx,
    sql`select c.external_id as "externalId", c.id::int as id,
               (select o.total::float8 from orders o where o.customer_id = c.id order by o.placed_at, o.id limit 1) as "firstOrder"
        from customers c
        where c.external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.externalId, r]));
}

/**
 * The engine's events for stored referral events: one for the event's customer and, when the
 * friend is a known customer, one for the friend on the other side (the engine rewards each side
 * once). A payload without a friend says nothing the programs can use and gives no event.
 */
export async function referralProgramEvents(
  tx: Database,
  referrals: readonly StoredReferral[],
): Promise<CustomerProgramEvent[]> {
  const parsed = referrals.flatMap((r) => {
    const payload = referralPayload.safeParse(r.payload);
    return payload.success ? [{ ...r, ...payload.data }] : [];
  });
  const friends = await friendsOf(tx, [...new Set(parsed.map((r) => r.friendId))]);
  const events: CustomerProgramEvent[] = [];
  for (const r of parsed) {
    const friend = friends.get(r.friendId);
    const referee = r.role === "referee" ? null : friend;
    const firstOrderAmount =
      r.firstOrderAmount ??
      (r.role === "referee" ? await ownFirstOrder(tx, r.customerId) : (referee?.firstOrder ?? 0));
    const base = { at: r.occurredAt.getTime(), firstOrderAmount };
    const own: ReferralEvent = {
      ...base,
      kind: "referral",
      id: `event:${r.id}:${r.role}`,
      customerId: String(r.customerId),
      role: r.role,
      friendId: r.friendId,
    };
    events.push({ customerId: r.customerId, event: own });
    if (friend !== undefined && friend.id !== r.customerId) {
      const role = r.role === "referrer" ? "referee" : "referrer";
      events.push({
        customerId: friend.id,
        event: {
          ...base,
          kind: "referral",
          id: `event:${r.id}:${role}`,
          customerId: String(friend.id),
          role,
          friendId: r.externalCustomerId,
        },
      });
    }
  }
  return events;
}

async function ownFirstOrder(tx: Database, customerId: number): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    tx,
    sql`select total::float8 as total from orders where customer_id = ${customerId} order by placed_at, id limit 1`,
  );
  return row?.total ?? 0;
}

/** Runs stored referral events through the programs of both customers, in the caller's transaction. */
export async function applyReferrals(
  tx: Database,
  referrals: readonly StoredReferral[],
  options = { outcomes: true },
) {
  return applyProgramEvents(tx, await referralProgramEvents(tx, referrals), options);
}
