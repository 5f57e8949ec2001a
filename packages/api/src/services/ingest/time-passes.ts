import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import { applyProgramEvents } from "./apply-programs";
import { inTransaction } from "./transaction";

/** Members per transaction: their enrollment rows stay locked only that long. */
const CHUNK = 500;

/**
 * Lets time pass for members whose points are due to expire: a tick at `now` through every active
 * program they take part in, so the ledger gets its `expire` entries (and tier reviews run) even for
 * customers who never come back. Without it, a lot only expired when its owner's next event
 * arrived, and a program's outstanding points counted every lapsed customer's balance forever.
 *
 * Safe to run again or from two servers at once: a member's rows are locked while their tick runs,
 * and a tick no later than what the member's state already saw has nothing left to expire.
 */
export async function expireDuePoints(db: Database, now: Date): Promise<{ members: number }> {
  const at = now.getTime();
  const due = await queryRows<{ id: number; enrollments: number[] }>(
    db,
    sql`select e.customer_id::int as id, array_agg(e.id::int) as enrollments
        from enrollments e join programs p on p.id = e.program_id
        where p.status = 'active' and not e.is_control and e.state is not null
          and exists (select 1 from jsonb_array_elements(e.state->'lots') l
                      where jsonb_typeof(l->'expiresAt') = 'number' and (l->>'expiresAt')::float8 <= ${at})
        group by e.customer_id order by 1`,
  );
  for (let start = 0; start < due.length; start += CHUNK) {
    const chunk = due.slice(start, start + CHUNK);
    const ids = chunk.map((r) => r.id);
    // Only the memberships with points due: other programs' state (a VIP review) is not ticked.
    const only = new Set(chunk.flatMap((r) => r.enrollments));
    await inTransaction(db, (tx) =>
      applyProgramEvents(
        tx,
        ids.map((id) => ({
          customerId: id,
          // Ledger keys hold the event id: one per member and sweep.
          event: {
            kind: "tick",
            id: `expiry:${id}:${now.toISOString()}`,
            customerId: String(id),
            at,
          },
        })),
        { outcomes: false, enrollments: only },
      ),
    );
  }
  return { members: due.length };
}
