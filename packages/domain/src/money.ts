/**
 * Integer money and the one rounding rule of the domain.
 *
 * Money is an integer count of minor currency units (cents); points are integers.
 * Rounding rule, stated once: every reward, discount and claw-back computed from a rate is
 * rounded DOWN (floor) to a whole unit, per order. Floors never promise a customer more than the
 * published rate, and a claw-back computed with the same floor can never take back more than the
 * order earned.
 */

/** Percentages are stored as basis points (1% = 100) so 2.5% stays an integer. */
export const toBasisPoints = (percent: number): number => Math.round(percent * 100);

/** `amount * bp / 10000`, floored. Exact for amounts below ~9e11 minor units. */
export const percentOf = (amount: number, basisPoints: number): number =>
  Math.floor((amount * basisPoints) / 10_000);

/** `units` for every whole `per` of `amount`, e.g. 1 point per 1000 minor units spent. */
export const ratePer = (amount: number, units: number, per: number): number =>
  per <= 0 || amount <= 0 ? 0 : Math.floor((amount * units) / per);

/** The part of `whole` that `part/total` represents, floored; `total` 0 gives 0. */
export const proportion = (whole: number, part: number, total: number): number =>
  total <= 0 ? 0 : Math.floor((whole * part) / total);

/** "12.50" for 1250 minor units; currency symbols are the app's job (locale, business currency). */
export const formatMinor = (minor: number): string => {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return cents === 0
    ? `${sign}${grouped}`
    : `${sign}${grouped}.${cents.toString().padStart(2, "0")}`;
};
