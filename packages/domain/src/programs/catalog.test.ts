import { describe, expect, it } from "vitest";
import { fieldsOf, type FieldSpec } from "./field-meta";
import { parseProgramConfig, summarizeProgram } from "./parse";
import { getProgramType, programTypeIds, programTypes } from "./registry";

const BRIEF_TYPES = [
  "points",
  "cashback",
  "tiered-discount",
  "stamp-card",
  "referral",
  "vip-tiers",
  "flexible-rewards",
  "promo-code",
  "bundle",
  "comeback",
  "gift-with-order",
  "exclusive-offer",
  "eco-discount",
];

const allFields = (fields: readonly FieldSpec[]): FieldSpec[] =>
  fields.flatMap((f) => [f, ...(Array.isArray(f.item) ? allFields(f.item as FieldSpec[]) : [])]);

describe("program catalog", () => {
  it("covers every program type in the brief", () => {
    expect([...programTypeIds].sort()).toEqual([...BRIEF_TYPES].sort());
  });

  for (const type of programTypes.values()) {
    describe(type.id, () => {
      it("has marketer-facing metadata", () => {
        expect(type.name.length).toBeGreaterThan(2);
        expect(type.description.length).toBeGreaterThan(60);
        expect(type.strengths.length).toBeGreaterThan(0);
        expect(type.weaknesses.length).toBeGreaterThan(0);
      });

      it("parses an empty form into sensible defaults and summarizes them", () => {
        const parsed = parseProgramConfig(type.id, {});
        expect(parsed.ok).toBe(true);
        const summary = summarizeProgram(type.id, {});
        expect(summary.ok && summary.value.length > 10).toBe(true);
      });

      it("labels every form field, common rules included", () => {
        const fields = fieldsOf(type.schema);
        expect(fields.map((f) => f.key)).toContain("budgetCap");
        for (const f of allFields(fields)) expect(f.label, `${type.id}.${f.key}`).not.toBe(f.key);
      });
    });
  }

  it("describes fields for the form builder", () => {
    const type = getProgramType("points");
    const fields = type === undefined ? [] : fieldsOf(type.schema);
    expect(fields.find((f) => f.key === "earnPer")).toMatchObject({
      kind: "integer",
      label: "Per amount spent",
      unit: "minor currency units",
      default: 1000,
      min: 1,
    });
    expect(fields.find((f) => f.key === "channels")).toMatchObject({
      kind: "list",
      options: ["online", "store", "app"],
    });
    expect(fields.find((f) => f.key === "startsAt")).toMatchObject({
      kind: "integer",
      nullable: true,
      unit: "date",
    });
    const vip = getProgramType("vip-tiers");
    const tiers = (vip === undefined ? [] : fieldsOf(vip.schema)).find((f) => f.key === "tiers");
    expect(tiers?.kind).toBe("list");
    expect((tiers?.item as FieldSpec[]).map((f) => f.key)).toEqual([
      "name",
      "threshold",
      "percentOff",
      "pointsBonusPercent",
      "perks",
    ]);
  });

  it("returns readable errors instead of throwing", () => {
    expect(parseProgramConfig("lottery", {})).toEqual({
      ok: false,
      errors: [expect.stringContaining('unknown program type "lottery"')],
    });
    const bad = parseProgramConfig("comeback", { percentOff: 150, windowDays: "seven" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.some((e) => e.startsWith("percentOff:"))).toBe(true);
      expect(bad.errors.some((e) => e.startsWith("windowDays:"))).toBe(true);
    }
    for (const type of ["points", "cashback"]) {
      const forever = parseProgramConfig(type, { expiryDays: 99_999_999 });
      expect(forever.ok).toBe(false);
      if (!forever.ok)
        expect(forever.errors).toEqual([expect.stringMatching(/^expiryDays:.*3650/)]);
    }
    const sameItem = parseProgramConfig("bundle", { items: [{ sku: "a", quantity: 2 }] });
    expect(sameItem).toMatchObject({
      ok: false,
      errors: ["items: a bundle needs at least two different products"],
    });
  });

  it("writes summaries in marketers' words", () => {
    expect(summarizeProgram("points", {})).toEqual({
      ok: true,
      value:
        "1 point per 10 spent, 1 point = 0.05 off, redeem from 100 points, up to 50% of an order, points usable 14 days after the order, points expire after 1 year",
    });
    expect(summarizeProgram("comeback", {})).toEqual({
      ok: true,
      value: "15% off the second purchase within 7 days",
    });
    expect(summarizeProgram("tiered-discount", {})).toEqual({
      ok: true,
      value: "2,000 spent → 5% off, 5,000 spent → 10% off",
    });
  });
});
