import { sql, type SQL } from "drizzle-orm";
import { CONTROL_HASH_MULTIPLIER, controlMix } from "@boomerang/domain/programs";

const M = sql.raw(String(CONTROL_HASH_MULTIPLIER));
const MASK = sql.raw("4294967295");

/**
 * The SQL twin of `controlHash` in @boomerang/domain: controlMix(controlMix(program) ^ customer).
 * The program's half is computed once in JavaScript, the customer's half per row in bigint
 * arithmetic (# is XOR). Every product is below 2^59, so nothing overflows. control-group-sql.test.ts
 * feeds both the same ids.
 */
export function controlHashSql(customerId: SQL, programId: number): SQL {
  const programMix = sql.raw(String(controlMix(programId)));
  return sql`(select (h2 >> 16) # h2 from (
      select ((((h1 >> 16) # h1) * ${M}) & ${MASK}) as h2 from (
        select ((((h0 >> 16) # h0) * ${M}) & ${MASK}) as h1 from (
          select (${programMix}::bigint # (${customerId})::bigint) as h0
        ) s0
      ) s1
    ) s2)`;
}

/** True when the customer is held out: hash × 10000 < share × 2^32, in integers like the domain. */
export function isControlSql(customerId: SQL, programId: number, controlShareBp: number): SQL {
  const share = sql.raw(String(Math.trunc(controlShareBp)));
  return sql`(${controlHashSql(customerId, programId)} * 10000 < ${share}::bigint * 4294967296)`;
}
