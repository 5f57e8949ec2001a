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
