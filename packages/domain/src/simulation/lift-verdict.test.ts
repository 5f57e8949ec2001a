import { describe, expect, it } from "vitest";
import { defaultExpectedLift, liftVerdict, type LiftVerdictInput } from "./lift-verdict";
import { sampleSize } from "./sample-size";

const needed = (() => {
  const s = sampleSize({ baselineRate: 0.4, expectedLift: 0.02, controlShare: 0.1 });
  if (!s.ok) throw new Error(s.error);
  return s.value.total;
})();

const base: LiftVerdictInput = {
  repeat: { difference: 0.01, low: -0.02, high: 0.04, significant: false },
  controlRate: 0.4,
  measured: 1_000,
  enrolled: 1_000,
  controlShare: 0.1,
  weeklyEnrolments: 100,
  windowWeeks: 8,
  expectedLift: 0.02,
};

describe("whether a program has shown an effect yet", () => {
  it("says yes when the interval is above zero", () => {
    const v = liftVerdict({
      ...base,
      repeat: { difference: 0.05, low: 0.02, high: 0.08, significant: true },
    });
    expect(v.status).toBe("effect");
    expect(v.sentence).toBe(
      "Yes: members made a repeat purchase within 8 weeks more often than the control group (+5.0 pp, 95% CI +2.0 pp to +8.0 pp).",
    );
  });

  it("says no when members did worse", () => {
    const v = liftVerdict({
      ...base,
      repeat: { difference: -0.05, low: -0.08, high: -0.02, significant: true },
    });
    expect(v.status).toBe("harm");
    expect(v.sentence).toMatch(/^No: members made a repeat purchase less often/);
  });

  it("counts the weeks still needed from the customers missing and the pace of enrolment", () => {
    expect(needed).toBeGreaterThan(1_000);
    const v = liftVerdict({ ...base, weeklyEnrolments: 1_000 });
    expect(v.status).toBe("too-early");
    expect(v.neededCustomers).toBe(needed);
    expect(v.weeksMore).toBe(Math.ceil((needed - 1_000) / 1_000) + 8);
    expect(v.weeksMore).toBeLessThan(104);
    expect(v.sentence).toContain(`about ${v.weeksMore} more weeks of data`);
    expect(v.sentence).toContain("+2.0 pp");
  });

  it("says so when the wait runs over two years", () => {
    const v = liftVerdict({ ...base, weeklyEnrolments: 1 });
    expect(v.weeksMore).toBe(needed - 1_000 + 8);
    expect(v.sentence).toContain("over two years more at the current 1 enrolments a week");
  });

  it("waits at most one window when the customers needed are enrolled but not yet measured", () => {
    const v = liftVerdict({ ...base, enrolled: needed + 10 });
    expect(v.weeksMore).toBe(8);
    expect(v.sentence).toContain("at most 8 more weeks");
  });

  it("says when enrolment has stopped short of what is needed", () => {
    const v = liftVerdict({ ...base, weeklyEnrolments: 0 });
    expect(v.weeksMore).toBeNull();
    expect(v.sentence).toContain("enrolment has stopped short");
  });

  it("says an ended program's result will not get sharper", () => {
    const v = liftVerdict({ ...base, enrolled: needed + 10, ended: true });
    expect(v.weeksMore).toBeNull();
    expect(v.sentence).toContain("the program has ended short of that");
  });

  it("calls a large enough study without an effect a null result, not a wait", () => {
    const v = liftVerdict({ ...base, measured: needed, enrolled: needed });
    expect(v.status).toBe("no-effect");
    expect(v.weeksMore).toBe(0);
    expect(v.sentence).toMatch(/^No effect shown: with \d+ customers measured/);
  });

  it("is not measurable before two customers per group have completed the window", () => {
    const v = liftVerdict({ ...base, repeat: null });
    expect(v.status).toBe("not-measurable");
    expect(v.sentence).toContain("8-week window");
  });
});

describe("the default expected effect", () => {
  it("reads the type's assumed frequency lift as a relative lift of the control's repeat rate", () => {
    expect(defaultExpectedLift("points", 0.4)).toBeCloseTo(0.02, 10);
    expect(defaultExpectedLift("promo-code", 0.4)).toBeCloseTo(0.08, 10);
    expect(defaultExpectedLift("unknown-type", 0.4)).toBeCloseTo(0.02, 10);
    expect(defaultExpectedLift("referral", 0.1)).toBe(0.005);
  });
});
