import { z } from "zod";
import { ageOn, contactChannels, genders } from "../summary";
import { describeRange, inRange, numberRange } from "../window";
import { storeName, type ConditionFamily } from "./family";

const DAY_MS = 86_400_000;
const nonEmptyText = z.array(z.string().trim().min(1)).min(1, "Pick at least one value");

export const attributeCondition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("age"), range: numberRange }),
  z.object({
    kind: z.literal("gender"),
    values: z.array(z.enum(genders)).min(1, "Pick at least one gender"),
  }),
  z.object({ kind: z.literal("city"), values: nonEmptyText }),
  z.object({ kind: z.literal("region"), values: nonEmptyText }),
  z.object({
    kind: z.literal("homeStore"),
    storeIds: z.array(z.int().positive()).min(1, "Pick at least one store"),
  }),
  z.object({
    kind: z.literal("preferredChannel"),
    values: z.array(z.enum(contactChannels)).min(1, "Pick a channel"),
  }),
  z.object({ kind: z.literal("consent"), channel: z.enum(contactChannels) }),
  z.object({ kind: z.literal("signedUpBefore"), at: z.iso.datetime() }),
  z.object({ kind: z.literal("signedUpAfter"), at: z.iso.datetime() }),
  z.object({ kind: z.literal("signedUpWithin"), days: z.int().min(1).max(3650) }),
]);
export type AttributeCondition = z.infer<typeof attributeCondition>;

const textIn = (value: string | null, values: string[]) => value !== null && values.includes(value);

export const attributeFamily: ConditionFamily<AttributeCondition> = {
  kinds: [
    "age",
    "gender",
    "city",
    "region",
    "homeStore",
    "preferredChannel",
    "consent",
    "signedUpBefore",
    "signedUpAfter",
    "signedUpWithin",
  ],
  evaluate(c, s, now) {
    switch (c.kind) {
      case "age":
        return s.birthDate !== null && inRange(ageOn(s.birthDate, now), c.range);
      case "gender":
        return c.values.includes(s.gender);
      case "city":
        return textIn(s.city, c.values);
      case "region":
        return textIn(s.region, c.values);
      case "homeStore":
        return s.homeStoreId !== null && c.storeIds.includes(s.homeStoreId);
      case "preferredChannel":
        return s.preferredChannel !== null && c.values.includes(s.preferredChannel);
      case "consent":
        return s.consent[c.channel];
      case "signedUpBefore":
        return s.signedUpAt.getTime() < Date.parse(c.at);
      case "signedUpAfter":
        return s.signedUpAt.getTime() >= Date.parse(c.at);
      case "signedUpWithin":
        return (
          s.signedUpAt.getTime() >= now.getTime() - c.days * DAY_MS &&
          s.signedUpAt.getTime() <= now.getTime()
        );
    }
  },
  describe(c, names) {
    switch (c.kind) {
      case "age":
        return `Age ${describeRange(c.range)}`;
      case "gender":
        return `Gender is ${c.values.join(" or ")}`;
      case "city":
        return `Lives in ${c.values.join(", ")}`;
      case "region":
        return `Region is ${c.values.join(", ")}`;
      case "homeStore":
        return c.storeIds.length === 1
          ? `Home store is ${storeName(names, c.storeIds[0]!)}`
          : `Home store is one of ${c.storeIds.map((id) => storeName(names, id)).join(", ")}`;
      case "preferredChannel":
        return `Prefers ${c.values.join(" or ")}`;
      case "consent":
        return `Consents to ${c.channel}`;
      case "signedUpBefore":
        return `Signed up before ${c.at.slice(0, 10)}`;
      case "signedUpAfter":
        return `Signed up on or after ${c.at.slice(0, 10)}`;
      case "signedUpWithin":
        return `Signed up in the last ${c.days} days`;
    }
  },
  observe(c, s, now, names) {
    switch (c.kind) {
      case "age":
        return s.birthDate === null ? "age unknown" : `aged ${ageOn(s.birthDate, now)}`;
      case "gender":
        return s.gender;
      case "city":
        return s.city ?? "no city";
      case "region":
        return s.region ?? "no region";
      case "homeStore":
        return s.homeStoreId === null
          ? "no home store"
          : `home store ${storeName(names, s.homeStoreId)}`;
      case "preferredChannel":
        return s.preferredChannel ?? "no preferred channel";
      case "consent":
        return s.consent[c.channel] ? `consented to ${c.channel}` : `no ${c.channel} consent`;
      case "signedUpBefore":
      case "signedUpAfter":
      case "signedUpWithin":
        return `signed up ${s.signedUpAt.toISOString().slice(0, 10)}`;
    }
  },
};
