import { describe, expect, it } from "vitest";
import { responseModel } from "@boomerang/domain/simulation";
import {
  assumptionFields,
  defaultModel,
  defaultShown,
  isEdited,
  modelFromValues,
  valuesOf,
} from "./assumption-fields";

const fields = assumptionFields(["points", "tiered-discount", "points"]);

describe("editable assumptions", () => {
  it("offers one lift per type in play and shows the documented defaults as percentages", () => {
    const lifts = fields.filter((f) => f.path[0] === "frequencyLift").map((f) => f.path[1]);
    expect(lifts).toEqual(["points", "tiered-discount"]);
    const values = valuesOf(defaultModel, fields);
    expect(values["frequencyLift.points"]).toBe("5");
    expect(values["grossMargin"]).toBe("40");
    expect(values["referralsPerMember"]).toBe("0.05");
    expect(values["channels.2.costPerMessage"]).toBe("7");
    expect(defaultShown(fields.find((f) => f.key === "redemptionRate")!)).toBe("50");
  });

  it("gives back the defaults unchanged when nothing is edited", () => {
    const result = modelFromValues(valuesOf(defaultModel, fields), fields);
    expect(result).toEqual({ ok: true, model: defaultModel });
    expect(isEdited(defaultModel)).toBe(false);
  });

  it("turns typed percentages into shares and keeps the other types' defaults", () => {
    const values = {
      ...valuesOf(defaultModel, fields),
      "frequencyLift.points": "12,5",
      "channels.0.messagesPerMonth": "3",
    };
    const result = modelFromValues(values, fields);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.model.frequencyLift.points).toBe(0.125);
    expect(result.model.frequencyLift["promo-code"]).toBe(0.2);
    expect(result.model.channels[0]!.messagesPerMonth).toBe(3);
    expect(responseModel.parse(result.model)).toEqual(result.model);
    expect(isEdited(result.model)).toBe(true);
  });

  it("refuses what the server would refuse, field by field, saying the limit", () => {
    const values = {
      ...valuesOf(defaultModel, fields),
      grossMargin: "140",
      redemptionRate: "",
      "channels.1.costPerMessage": "-1",
    };
    const result = modelFromValues(values, fields);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      grossMargin: "At most 100%.",
      redemptionRate: "Enter a number.",
      "channels.1.costPerMessage": "At least 0.",
    });
  });
});
