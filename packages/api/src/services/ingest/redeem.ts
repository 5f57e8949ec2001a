import {
  availableBalance,
  createProgram,
  initialState,
  type CustomerState,
  type RedeemEvent,
} from "@boomerang/domain/programs";
import { conflict, notFound } from "../../errors";
import { applyEvent, type ProgramOutcome } from "./apply-event";
import { idempotentOutcome, senderKey } from "./idempotency";
import { customerByExternalId, type IngestContext } from "./lookups";
import { memberPrograms } from "./member-programs";
import { redeemInput } from "./schemas";
import { inTransaction } from "./transaction";

export type RedeemResult = {
  redemption: { key: string; at: string };
  program: ProgramOutcome;
  [key: string]: unknown;
};

/**
 * Spends points (or claims a catalog reward) in one program. The member's enrollment row is locked
 * for the whole transaction, so parallel redemptions against one balance run one after the other
 * and can never overdraw it; a redemption that cannot be paid in full changes nothing (409).
 */
export async function redeem(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey: string,
): Promise<RedeemResult> {
  return (await redeemOutcome(ctx, raw, idempotencyKey)).result;
}

/** As redeem, saying whether the answer is the first one's, for a retry of the same key. */
export async function redeemOutcome(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey: string,
): Promise<{ result: RedeemResult; replayed: boolean }> {
  const input = redeemInput.parse(raw);
  const scopedKey = senderKey(ctx.apiKeyId, idempotencyKey);
  return inTransaction(ctx.db, (tx) =>
    idempotentOutcome(
      tx,
      {
        operation: "redeem",
        key: scopedKey,
        payload: input,
        apiKeyId: ctx.apiKeyId,
      },
      async () => {
        const customer = await customerByExternalId(tx, input.customerId);
        const [member] = await memberPrograms(tx, customer.id, {
          programId: input.programId,
          lock: true,
        });
        if (member === undefined)
          throw notFound(`An active program ${input.programId} the customer takes part in`);
        const program = createProgram(member.type, member.config);
        if (!program.ok)
          throw conflict(
            `Program ${input.programId} cannot be redeemed: its configuration is invalid.`,
          );
        const state =
          (member.state as unknown as CustomerState | null) ??
          initialState(program.value, String(customer.id));
        // Events never go back in time in the engine: a redemption is dated no earlier than the member's last event.
        const at = Math.max(ctx.now.getTime(), state.clock);
        const usable = availableBalance(state, at);
        if (input.points !== undefined && input.points > usable)
          throw conflict(
            `Not enough ${program.value.unit}: ${usable} usable, ${input.points} asked.`,
          );
        const event: RedeemEvent = {
          kind: "redeem",
          // The key as stored (per API key): two systems' same key are two redemptions.
          id: `redeem-${scopedKey}`,
          customerId: String(customer.id),
          at,
          ...(input.points === undefined ? {} : { points: input.points }),
          ...(input.rewardId === undefined ? {} : { rewardId: input.rewardId }),
        };
        const { outcome } = await applyEvent(tx, member, customer.id, event);
        if (
          outcome.redeemed === 0 ||
          (input.points !== undefined && outcome.redeemed !== input.points)
        )
          throw conflict(outcome.notes[0] ?? "Nothing could be redeemed.");
        return {
          redemption: { key: idempotencyKey, at: new Date(at).toISOString() },
          program: outcome,
        };
      },
    ),
  );
}
