/**
 * The control-group hold-out: a customer is in a program's control group when a stable hash of
 * (program id, customer id) falls below the control share. No randomness and no stored seed, so the
 * same customer lands on the same side on every run, on every machine, and in SQL
 * (packages/db/src/queries/programs/control-group-sql.ts computes the same integers).
 *
 * The mix is a 32-bit integer hash (Thomas Mueller's, multiplier 0x45d9f3b). The multiplier is under
 * 2^27, so each product fits exactly in a PostgreSQL bigint before it is masked back to 32 bits.
 */
export const CONTROL_HASH_MULTIPLIER = 0x45d9f3b;
const TWO_POW_32 = 4294967296;

/** The 32-bit mix on its own; SQL applies it to the program id in JavaScript and to customers per row. */
export const controlMix = (x: number): number => {
  let h = x >>> 0;
  h = Math.imul((h >>> 16) ^ h, CONTROL_HASH_MULTIPLIER) >>> 0;
  h = Math.imul((h >>> 16) ^ h, CONTROL_HASH_MULTIPLIER) >>> 0;
  return ((h >>> 16) ^ h) >>> 0;
};

/** The unsigned 32-bit hash of a (program, customer) pair. Ids are positive integers. */
export const controlHash = (programId: number, customerId: number): number =>
  controlMix((controlMix(programId) ^ customerId) >>> 0);

/** The pair's position in [0, 1). */
export const controlPosition = (programId: number, customerId: number): number =>
  controlHash(programId, customerId) / TWO_POW_32;

/**
 * In the control group? The share is in basis points (1000 = 10%). Compared in integers
 * (hash × 10000 < share × 2^32) so JavaScript and SQL can never disagree on a boundary.
 */
export const isControl = (programId: number, customerId: number, controlShareBp: number): boolean =>
  controlHash(programId, customerId) * 10000 < controlShareBp * TWO_POW_32;

/**
 * The control group's size in a stratum of `n` customers: round(n × share), halves up, in integers
 * (so SQL computes the same). A store with n × share ≥ 0.5 holds out at least one customer.
 */
export const stratumControlSize = (n: number, controlShareBp: number): number =>
  Math.floor((n * controlShareBp + 5000) / 10000);

/**
 * Control group stratified by home store, for enrolling a whole target at once (activation): within
 * each home store (customers without one form their own stratum), customers in order of
 * controlHash (then id) and the first round(share × n_store) held out. Each store's control share
 * is then as close to the target share as whole customers allow (off by at most one customer),
 * so small stores are represented, which the plain per-customer hash does not promise. Customers
 * enrolled later one at a time (new customers from ingest) keep the plain `isControl` rule.
 * The SQL twin is in packages/db/src/queries/programs/enroll-members.ts.
 */
export const stratifiedControl = (
  programId: number,
  customers: readonly { readonly id: number; readonly storeId: number | null }[],
  controlShareBp: number,
): Set<number> => {
  const strata = new Map<number | null, { id: number; hash: number }[]>();
  for (const c of customers) {
    const list = strata.get(c.storeId) ?? [];
    list.push({ id: c.id, hash: controlHash(programId, c.id) });
    strata.set(c.storeId, list);
  }
  const control = new Set<number>();
  for (const list of strata.values()) {
    list.sort((a, b) => a.hash - b.hash || a.id - b.id);
    const size = stratumControlSize(list.length, controlShareBp);
    for (const c of list.slice(0, size)) control.add(c.id);
  }
  return control;
};
