import { describe, expect, it } from "vitest";
import { comparisonInput } from "./comparison-input";
import { simulateComparison } from "./comparison";
import { historyOf } from "./test-history";

const period = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 6, 1) };
const history = historyOf([
  { id: "A", orders: [{ id: "a1", at: Date.UTC(2025, 0, 5), amount: 1_000 }] },
]);

describe("comparison input", () => {
  it("refuses fewer than 2 or more than 4 candidates and duplicate names", () => {
    const one = comparisonInput.safeParse({ candidates: [{ label: "A", typeId: "points" }] });
    expect(one.error?.issues[0]?.message).toBe("compare at least 2 candidates");
    const five = comparisonInput.safeParse({
      candidates: ["A", "B", "C", "D", "E"].map((label) => ({ label, typeId: "points" })),
    });
    expect(five.error?.issues[0]?.message).toBe("compare at most 4 candidates");
    const same = comparisonInput.safeParse({
      candidates: [
        { label: "A", typeId: "points" },
        { label: "A", typeId: "cashback" },
      ],
    });
    expect(same.error?.issues[0]?.message).toBe("candidate names must differ");
  });

  it("names the candidate whose parameters are wrong, and unknown types", () => {
    const input = comparisonInput.parse({
      candidates: [
        { label: "Mine", typeId: "points", params: { earnPer: 0 } },
        { label: "Other", typeId: "lottery" },
      ],
    });
    const result = simulateComparison(input, history, period);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatch(/^Mine: earnPer: /);
    expect(result.errors[1]).toMatch(/^Other: unknown program type "lottery"/);
  });

  it("refuses an empty period", () => {
    const input = comparisonInput.parse({
      candidates: [
        { label: "A", typeId: "points" },
        { label: "B", typeId: "cashback" },
      ],
    });
    const result = simulateComparison(input, history, { from: period.to, to: period.from });
    expect(result).toEqual({ ok: false, errors: ["the period must end after it starts"] });
  });
});
