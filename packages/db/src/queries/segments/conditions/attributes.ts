import { sql } from "drizzle-orm";
import type { AttributeCondition } from "@boomerang/domain/segments";
import { instant } from "../../rows";
import { intArray, rangeSql, textArray, type ConditionCompilers } from "../compile-context";

const DAY_MS = 86_400_000;
const consentColumn = {
  email: sql`c.consent_email`,
  sms: sql`c.consent_sms`,
  messenger: sql`c.consent_messenger`,
  push: sql`c.consent_push`,
};

export const attributeCompilers: ConditionCompilers<AttributeCondition> = {
  // Whole years as of now's UTC calendar day, like ageOn() in the domain.
  age: (c, { now }) =>
    rangeSql(
      sql`extract(year from age(${now.toISOString().slice(0, 10)}::date, c.birth_date))`,
      c.range,
    ),
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
