/**
 * Seeded randomness for the simulator (the domain never calls Math.random): the same inputs and
 * seed give the same comparison, so a saved comparison can be re-run and explained.
 */

/** mulberry32: a small, fast 32-bit generator, good enough for resampling and coin flips. */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * A uniform number in [0, 1) from integer keys without keeping state, so a customer's coin flips do
 * not depend on which other customers are in the same chunk.
 */
export const hashUnit = (seed: number, a: number, b: number): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ a, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2d) >>> 0;
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
};
