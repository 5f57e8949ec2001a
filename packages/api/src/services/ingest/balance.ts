import {
  availableBalance,
  createProgram,
  pendingBalance,
  type CustomerState,
} from "@boomerang/domain/programs";
import { customerByExternalId, type IngestContext } from "./lookups";
import { memberPrograms } from "./member-programs";

export type RewardOption = { id: string; name: string; points: number; affordable: boolean };

export type ProgramBalance = {
  programId: number;
  programName: string;
  type: string;
  unit: "points" | "money" | null;
  available: number;
  pending: number;
  tier: string | null;
  rewards: RewardOption[];
};

export type CustomerBalance = { customerId: string; programs: ProgramBalance[] };

/** The catalog of a flexible-rewards program, read from its parsed parameters. */
function rewardsOf(params: unknown, available: number): RewardOption[] {
  const catalog = (params as { catalog?: unknown }).catalog;
  if (!Array.isArray(catalog)) return [];
  return catalog.flatMap((item: unknown) => {
    const r = item as { id?: unknown; name?: unknown; points?: unknown };
    if (typeof r.id !== "string" || typeof r.name !== "string" || typeof r.points !== "number")
      return [];
    return [{ id: r.id, name: r.name, points: r.points, affordable: r.points <= available }];
  });
}

/** What the customer can use now and what is still pending, per active program, at `now`. */
export async function customerBalance(
  ctx: IngestContext,
  customerExternalId: string,
): Promise<CustomerBalance> {
  const customer = await customerByExternalId(ctx.db, customerExternalId);
  const members = await memberPrograms(ctx.db, customer.id, { lock: false });
  const at = ctx.now.getTime();
  const programs = members.map((member): ProgramBalance => {
    const program = createProgram(member.type, member.config);
    const state = member.state as unknown as CustomerState | null;
    const available = state === null ? 0 : availableBalance(state, at);
    return {
      programId: member.programId,
      programName: member.name,
      type: member.type,
      unit: program.ok ? program.value.unit : null,
      available,
      pending: state === null ? 0 : pendingBalance(state, at),
      tier: member.tier,
      rewards: program.ok ? rewardsOf(program.value.params, available) : [],
    };
  });
  return { customerId: customer.externalId, programs };
}
