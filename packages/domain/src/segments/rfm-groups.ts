/**
 * The standard named RFM groups, from the recency score R and the combined frequency–monetary
 * score FM = round((F + M) / 2), halves rounded up. Each score is a quintile 1–5 over the customers
 * who have ordered (5 = most recent / most frequent / highest spend).
 *
 * |        | FM 1              | FM 2                | FM 3                | FM 4      | FM 5           |
 * |--------|-------------------|---------------------|---------------------|-----------|----------------|
 * | R 5    | New               | Potential loyalists | Potential loyalists | Champions | Champions      |
 * | R 4    | Promising         | Potential loyalists | Potential loyalists | Loyal     | Loyal          |
 * | R 3    | About to sleep    | About to sleep      | Need attention      | Loyal     | Loyal          |
 * | R 2    | Hibernating       | Hibernating         | At risk             | At risk   | Can't lose them|
 * | R 1    | Lost              | Hibernating         | At risk             | At risk   | Can't lose them|
 */
export const rfmGroups = [
  "champions",
  "loyal",
  "potential_loyalists",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose_them",
  "hibernating",
  "lost",
] as const;
export type RfmGroup = (typeof rfmGroups)[number];

export const rfmGroupLabels: Record<RfmGroup, string> = {
  champions: "Champions",
  loyal: "Loyal",
  potential_loyalists: "Potential loyalists",
  new: "New",
  promising: "Promising",
  need_attention: "Need attention",
  about_to_sleep: "About to sleep",
  at_risk: "At risk",
  cant_lose_them: "Can't lose them",
  hibernating: "Hibernating",
  lost: "Lost",
};

/** Rows R = 1…5, columns FM = 1…5. */
const grid: readonly (readonly RfmGroup[])[] = [
  ["lost", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"],
  ["new", "potential_loyalists", "potential_loyalists", "champions", "champions"],
];

export const frequencyMonetaryScore = (frequency: number, monetary: number) =>
  Math.floor((frequency + monetary + 1) / 2);

export function rfmGroupFor(recency: number, frequency: number, monetary: number): RfmGroup {
  const group = grid[recency - 1]?.[frequencyMonetaryScore(frequency, monetary) - 1];
  if (group === undefined)
    throw new RangeError(`RFM scores must be 1–5, got ${recency}/${frequency}/${monetary}`);
  return group;
}

/** The grid as (R, FM, group) rows, so the database can map scores with the very same table. */
export const rfmGroupGrid = grid.flatMap((row, r) =>
  row.map((group, fm) => ({ recency: r + 1, frequencyMonetary: fm + 1, group })),
);
