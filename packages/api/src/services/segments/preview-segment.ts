import {
  countSegment,
  loadCustomerSummary,
  segmentProfile,
  segmentSample,
  segmentSqlText,
  type Database,
} from "@boomerang/db";
import { explainSegment, recommendContact, type SegmentNode } from "@boomerang/domain/segments";
import { notFound } from "../../errors";
import { loadSegmentNames } from "./segment-names";

const SAMPLE_SIZE = 20;

/** What the builder shows while the marketer edits: size, share, sample and the contact advice. */
export async function previewSegment(
  db: Database,
  rules: SegmentNode,
  storeId: number | null,
  now: Date,
) {
  const scope = { now, storeId };
  const profile = await segmentProfile(db, rules, scope);
  const recommendation = recommendContact(profile.ageBands);
  return {
    members: profile.members,
    base: profile.base,
    share: profile.base === 0 ? 0 : profile.members / profile.base,
    consent: profile.consent,
    recommendation:
      recommendation === null
        ? null
        : {
            ...recommendation,
            consentShare:
              profile.members === 0 ? 0 : profile.consent[recommendation.channel] / profile.members,
          },
    sample: await segmentSample(db, rules, scope, SAMPLE_SIZE),
  };
}

export async function liveCount(
  db: Database,
  rules: SegmentNode,
  storeId: number | null,
  now: Date,
) {
  return countSegment(db, rules, { now, storeId });
}

/** The query the database runs, for developers and analysts. */
export const segmentQuery = (rules: SegmentNode, now: Date) => segmentSqlText(rules, { now });

/** "Why is this customer in the segment": each condition with whether it held and the customer's figure. */
export async function explainMember(
  db: Database,
  rules: SegmentNode,
  customerId: number,
  storeId: number | null,
  now: Date,
) {
  const [summary, names] = await Promise.all([
    loadCustomerSummary(db, customerId, storeId),
    loadSegmentNames(db),
  ]);
  if (summary === null) throw notFound("The customer");
  return explainSegment(rules, summary, now, names);
}
