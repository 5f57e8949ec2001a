import { sql, type SQL } from "drizzle-orm";
import type { AttributeCondition } from "@boomerang/domain/segments";
import { instant } from "../../rows";
import { intArray, textArray, type ConditionCompilers } from "../compile-context";

const DAY_MS = 86_400_000;
const consentColumn = {
  email: sql`c.consent_email`,
  sms: sql`c.consent_sms`,
  messenger: sql`c.consent_messenger`,
  push: sql`c.consent_push`,
};

/**
 * ageOn(b, now) ≥ years ⟺ (b.year, b.month, b.day) ≤ (now.year − years, now.month, now.day), compared
 * as tuples; the tuple's last valid date stands for it (29 February becomes the 28th in a common year).
 * `op` "<=" says "at least `years` old", ">" says "younger than `years`".
 */
function bornBy(years: number, now: Date, op: "<=" | ">"): SQL {
  const year = now.getUTCFullYear() - years;
  // Bounds beyond the calendar PostgreSQL writes as plain dates: nobody / everybody qualifies.
  if (year < 1) return op === "<=" ? sql`false` : sql`true`;
  if (year > 9999) return op === "<=" ? sql`true` : sql`false`;
  const month = now.getUTCMonth() + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = month === 2 && now.getUTCDate() === 29 && !leap ? 28 : now.getUTCDate();
  const bound = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return op === "<=" ? sql`c.birth_date <= ${bound}::date` : sql`c.birth_date > ${bound}::date`;
}

export const attributeCompilers: ConditionCompilers<AttributeCondition> = {
  // Whole years as of now's UTC calendar day, like ageOn() in the domain, compared on the birth
  // date itself (no per-row arithmetic, so customers_birth_date_idx can serve it).
  age: (c, { now }) => {
    const parts = [sql`c.birth_date is not null`];
    if (c.range.min !== undefined) parts.push(bornBy(Math.ceil(c.range.min), now, "<="));
    if (c.range.max !== undefined) parts.push(bornBy(Math.floor(c.range.max) + 1, now, ">"));
    return sql.join(parts, sql` and `);
  },
  gender: (c) => sql`c.gender::text = any(${textArray(c.values)})`,
  city: (c) => sql`c.city = any(${textArray(c.values)})`,
  region: (c) => sql`c.region = any(${textArray(c.values)})`,
  homeStore: (c) => sql`c.home_store_id = any(${intArray(c.storeIds)})`,
  preferredChannel: (c) => sql`c.preferred_channel::text = any(${textArray(c.values)})`,
  consent: (c) => consentColumn[c.channel],
  signedUpBefore: (c) => sql`c.signed_up_at < ${instant(new Date(c.at))}`,
  signedUpAfter: (c) => sql`c.signed_up_at >= ${instant(new Date(c.at))}`,
  signedUpWithin: (c, { now }) =>
    sql`c.signed_up_at >= ${instant(new Date(now.getTime() - c.days * DAY_MS))} and c.signed_up_at <= ${instant(now)}`,
};
