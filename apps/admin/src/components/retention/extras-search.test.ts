import { describe, expect, it } from "vitest";
import { appendExtras, parseRetentionExtras } from "./extras-search";

describe("retention brackets and compared curves in the URL", () => {
  it("defaults to brackets 0–7, 8–30, 31–90, 91–180, 181–365 and no compared curves", () => {
    expect(parseRetentionExtras({})).toEqual({ bracketEnds: [7, 30, 90, 180, 365], compare: [] });
    expect(appendExtras(new URLSearchParams(), parseRetentionExtras({})).toString()).toBe("");
  });

  it("round-trips edited brackets and chosen curves so the view can be shared", () => {
    const extras = parseRetentionExtras({
      brackets: "14,60,120",
      compare: "store:3,segment:5,program:2:members,program:2:control",
    });
    expect(extras).toEqual({
      bracketEnds: [14, 60, 120],
      compare: [
        { kind: "store", storeId: 3 },
        { kind: "segment", segmentId: 5 },
        { kind: "program", programId: 2, group: "members" },
        { kind: "program", programId: 2, group: "control" },
      ],
    });
    const params = appendExtras(new URLSearchParams(), extras);
    expect(parseRetentionExtras(Object.fromEntries(params))).toEqual(extras);
  });

  it("falls back to the default brackets for a list that does not go up, and drops unreadable curves", () => {
    expect(parseRetentionExtras({ brackets: "30,7" }).bracketEnds).toEqual([7, 30, 90, 180, 365]);
    expect(parseRetentionExtras({ brackets: "7,x" }).bracketEnds).toEqual([7, 30, 90, 180, 365]);
    expect(
      parseRetentionExtras({ compare: "store:0,shop:2,program:1,store:4,store:4" }).compare,
    ).toEqual([{ kind: "store", storeId: 4 }]);
  });
});
