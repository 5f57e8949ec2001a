import { describe, expect, it } from "vitest";
import { dayNumber } from "./calendar";
import {
  assembleBracketTable,
  bracketsFromEnds,
  checkBracketEnds,
  cohortBracketCounts,
} from "./cohort-brackets";
import { customerHistories } from "./customer-history";

// The hand-worked set of retention.test.ts (UTC): A buys on Jan 5, Feb 10 (day 36), Apr 1 (day 86);
// B only on Jan 20; C on Feb 3, Feb 20 (day 17), Mar 15 (day 40). Today is 2025-04-15, so A's
// first purchase is 100 days ago, B's 85 and C's 71.
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const histories = customerHistories(
  [
    { customerId: 1, placedAt: at("2025-01-05"), total: 100 },
    { customerId: 1, placedAt: at("2025-02-10"), total: 200 },
    { customerId: 1, placedAt: at("2025-04-01"), total: 300 },
    { customerId: 2, placedAt: at("2025-01-20"), total: 50 },
    { customerId: 3, placedAt: at("2025-02-03"), total: 10 },
    { customerId: 3, placedAt: at("2025-02-20"), total: 20 },
    { customerId: 3, placedAt: at("2025-03-15"), total: 30 },
  ],
  "UTC",
);
const today = dayNumber("2025-04-15");

describe("custom retention brackets", () => {
  it("turns end days into consecutive brackets and refuses lists that do not go up", () => {
    expect(bracketsFromEnds([7, 30, 90])).toEqual([
      { fromDay: 0, toDay: 7 },
      { fromDay: 8, toDay: 30 },
      { fromDay: 31, toDay: 90 },
    ]);
    expect(checkBracketEnds([7, 30, 90])).toBeNull();
    expect(checkBracketEnds([0])).toBeNull();
    expect(checkBracketEnds([30, 7])).toMatch(/go up/);
    expect(checkBracketEnds([7, 7])).toMatch(/go up/);
    expect(checkBracketEnds([])).toMatch(/at least one/);
    expect(checkBracketEnds([7, 2000])).toMatch(/0 to 1095/);
    expect(checkBracketEnds(Array.from({ length: 13 }, (_, i) => i))).toMatch(/at most 12/);
  });

  it("gives the hand-worked shares, marks brackets some customers are still in and leaves them out of the mean", () => {
    const brackets = bracketsFromEnds([7, 30, 90]);
    const counts = cohortBracketCounts(histories, "month", brackets, today);
    const table = assembleBracketTable(counts, "month", brackets);
    // January {A, B}: only A bought again, on day 36 (31–90); B (85 days) is still inside 31–90.
    // February {C}: day 17 (8–30) and day 40 (31–90); C (71 days) is still inside 31–90.
    expect(table.rows).toEqual([
      {
        cohort: "2025-01-01",
        size: 2,
        cells: [
          { buyers: 0, rate: 0, complete: true },
          { buyers: 0, rate: 0, complete: true },
          { buyers: 1, rate: 0.5, complete: false },
        ],
      },
      {
        cohort: "2025-02-01",
        size: 1,
        cells: [
          { buyers: 0, rate: 0, complete: true },
          { buyers: 1, rate: 1, complete: true },
          { buyers: 1, rate: 1, complete: false },
        ],
      },
    ]);
    expect(table.mean).toEqual([
      { rate: 0, cohorts: 2, customers: 3 },
      { rate: 1 / 3, cohorts: 2, customers: 3 },
      { rate: null, cohorts: 0, customers: 0 },
    ]);
  });

  it("averages a bracket over cohorts by size once every customer is past it", () => {
    // 31–60: A (day 36) and C (day 40) bought; everyone is more than 60 days in.
    const brackets = bracketsFromEnds([30, 60]);
    const table = assembleBracketTable(
      cohortBracketCounts(histories, "month", brackets, today),
      "month",
      brackets,
    );
    expect(table.rows.map((r) => r.cells[1])).toEqual([
      { buyers: 1, rate: 0.5, complete: true },
      { buyers: 1, rate: 1, complete: true },
    ]);
    expect(table.mean[1]).toEqual({ rate: 2 / 3, cohorts: 2, customers: 3 });
  });

  it("counts a second order on the first day in the bracket holding day 0, never the first order itself", () => {
    const sameDay = customerHistories(
      [
        { customerId: 1, placedAt: at("2025-03-01"), total: 1 },
        { customerId: 1, placedAt: new Date("2025-03-01T18:00:00Z"), total: 1 },
        { customerId: 2, placedAt: at("2025-03-02"), total: 1 },
        { customerId: 2, placedAt: at("2025-03-10"), total: 1 },
      ],
      "UTC",
    );
    const brackets = bracketsFromEnds([0, 7, 8]);
    const [march] = cohortBracketCounts(sameDay, "month", brackets, today);
    expect(march).toEqual({
      cohort: "2025-03-01",
      size: 2,
      buyers: [1, 0, 1],
      eligible: [2, 2, 2],
    });
  });

  it("cuts cohorts by week and quarter too", () => {
    const brackets = bracketsFromEnds([30, 60]);
    const weeks = cohortBracketCounts(histories, "week", brackets, today);
    expect(weeks.map((c) => [c.cohort, c.size, c.buyers])).toEqual([
      ["2024-12-30", 1, [0, 1]],
      ["2025-01-20", 1, [0, 0]],
      ["2025-02-03", 1, [1, 1]],
    ]);
    const quarters = cohortBracketCounts(histories, "quarter", brackets, today);
    expect(quarters).toEqual([{ cohort: "2025-01-01", size: 3, buyers: [1, 2], eligible: [3, 3] }]);
  });
});
