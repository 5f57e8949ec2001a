import { inArray } from "drizzle-orm";
import {
  customers,
  loadPreviewOrders,
  pickPreviewCustomers,
  type Database,
  type PreviewOrder,
  type PreviewProfile,
} from "@boomerang/db";
import {
  createProgram,
  previewProgram,
  signupWith,
  type OrderEvent,
  type PreviewOutcome,
  type ProgramEvent,
} from "@boomerang/domain/programs";
import { getBusinessProfile } from "../settings";
import { configFieldErrors, engineParams } from "./engine-config";
import type { ProgramInput } from "./program-input";

const YEAR_MS = 365 * 86_400_000;
const REASONS_SHOWN = 12;

export type PreviewInput = Pick<
  ProgramInput,
  "type" | "config" | "targetStoreIds" | "channels" | "budgetCap"
>;

export type ProgramPreview =
  | { ok: false; errors: string[]; fieldErrors: Record<string, string[]> }
  | {
      ok: true;
      /** What `earned` counts: points, or money in minor units. */
      unit: "points" | "money";
      from: Date;
      to: Date;
      customers: {
        profile: PreviewProfile;
        customerId: number;
        name: string;
        orders: number;
        spent: number;
        outcome: Omit<PreviewOutcome, "reasons">;
        reasons: string[];
        moreReasons: number;
      }[];
    };

const toEvent = (order: PreviewOrder): OrderEvent => ({
  kind: "order",
  id: `o${order.id}`,
  customerId: String(order.customerId),
  at: order.placedAt.getTime(),
  amount: order.subtotal,
  discount: order.discount,
  lines: order.lines,
  channel: order.channel === "offline" ? "store" : "online",
  storeId: order.storeId === null ? undefined : String(order.storeId),
});

/**
 * What four typical real customers would have earned over the last 12 months under the
 * configuration as typed. The schedule is left out on purpose: the preview asks "what if this had
 * been running", whatever start date the draft has. An invalid configuration returns its errors.
 */
export async function previewConfiguration(
  db: Database,
  input: PreviewInput,
  now: Date,
): Promise<ProgramPreview> {
  const params = {
    ...engineParams({ ...input, startsAt: null, endsAt: null }),
    startsAt: null,
    endsAt: null,
  };
  const program = createProgram(input.type, params);
  if (!program.ok)
    return {
      ok: false,
      errors: [...program.errors],
      fieldErrors: configFieldErrors(program.errors),
    };
  const profile = await getBusinessProfile(db);
  // Demo data stops at its as-of date; a real business's data runs to now.
  const to = profile.demoAsOf ?? now;
  const from = new Date(to.getTime() - YEAR_MS);
  const picked = await pickPreviewCustomers(db, to);
  const ids = picked.map((p) => p.customerId);
  const orders = await loadPreviewOrders(db, ids, from, to);
  const names =
    ids.length === 0
      ? []
      : await db
          .select({ id: customers.id, name: customers.name })
          .from(customers)
          .where(inArray(customers.id, ids));
  const cases = picked.map((p) => {
    const own = orders.filter((o) => o.customerId === p.customerId);
    const events: ProgramEvent[] = own.map(toEvent);
    // Live members join with their first order (welcome rewards, card holders' offers).
    const signup =
      events.length === 0
        ? null
        : signupWith(program.value, { joinedAt: null, orderCount: 0 }, events[0]!);
    if (signup !== null) events.unshift(signup);
    // A tick at the end lets expiry and tier reviews happen as they would have by today.
    events.push({
      kind: "tick",
      id: `tick-${p.customerId}`,
      customerId: String(p.customerId),
      at: to.getTime(),
    });
    return { label: p.profile, events, own };
  });
  const outcomes = previewProgram(program.value, cases);
  return {
    ok: true,
    unit: program.value.unit,
    from,
    to,
    customers: picked.map((p, i) => {
      const { reasons, ...outcome } = outcomes[i]!;
      const own = cases[i]!.own;
      return {
        profile: p.profile,
        customerId: p.customerId,
        name: names.find((n) => n.id === p.customerId)?.name ?? `Customer ${p.customerId}`,
        orders: own.length,
        spent: own.reduce((sum, o) => sum + o.subtotal - o.discount, 0),
        outcome,
        reasons: reasons.slice(0, REASONS_SHOWN),
        moreReasons: Math.max(0, reasons.length - REASONS_SHOWN),
      };
    }),
  };
}
