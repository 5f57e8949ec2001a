import { describe, expect, it } from "vitest";
import { recommend } from "./recommendation";

describe("the recommendation sentence", () => {
  it("names a clear winner and says it survives the sensitivity band", () => {
    expect(
      recommend({
        objective: "roi",
        ranking: ["Points", "Tiers"],
        bestShare: { Points: 0.96, Tiers: 0.04 },
        bestWhenLow: "Points",
        bestWhenHigh: "Points",
      }),
    ).toBe(
      "On ROI, Points is the best candidate (fairly sure: first in 96% of resamples of your customers), and it stays first when the assumed behaviour is halved or raised by half.",
    );
  });

  it("says when it is too close to call and when the assumptions flip the ranking", () => {
    const sentence = recommend({
      objective: "retention",
      ranking: ["A", "B"],
      bestShare: { A: 0.55, B: 0.45 },
      bestWhenLow: "B",
      bestWhenHigh: "A",
    });
    expect(sentence).toBe(
      "On retention, A leads but it is too close to call: first in only 55% of resamples, B in 45%, but B comes first if the assumed behaviour is halved.",
    );
  });
});
