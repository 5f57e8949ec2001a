import { DEFAULT_BRACKET_ENDS, checkBracketEnds } from "@boomerang/domain/metrics";
import type { RouterInputs } from "@boomerang/api";

/** One curve of the side-by-side chart. */
export type CompareSeries = RouterInputs["retention"]["sideBySide"]["series"][number];

/** The parts of the Retention page's URL that only one card reads: brackets and compared curves. */
export type RetentionExtras = { bracketEnds: number[]; compare: CompareSeries[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** "7,30,90" as [7, 30, 90]; anything malformed falls back to the default brackets. */
export function parseBracketEnds(text: string | undefined): number[] {
  if (!text) return [...DEFAULT_BRACKET_ENDS];
  const ends = text.split(",").map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN));
  return checkBracketEnds(ends) === null ? ends : [...DEFAULT_BRACKET_ENDS];
}

/** "store:3,segment:5,program:2:control" as curves; unreadable items are dropped, at most four. */
export function parseCompare(text: string | undefined): CompareSeries[] {
  if (!text) return [];
  const seen = new Set<string>();
  const series: CompareSeries[] = [];
  for (const item of text.split(",")) {
    const [kind, rawId, group] = item.split(":");
    const id = Number(rawId);
    if (!Number.isInteger(id) || id <= 0) continue;
    const s: CompareSeries | null =
      kind === "store"
        ? { kind: "store", storeId: id }
        : kind === "segment"
          ? { kind: "segment", segmentId: id }
          : kind === "program" && (group === "members" || group === "control")
            ? { kind: "program", programId: id, group }
            : null;
    if (!s || seen.has(compareKey(s))) continue;
    seen.add(compareKey(s));
    series.push(s);
  }
  return series.slice(0, 4);
}

/** A curve as it is written in the URL (and a stable React key). */
export function compareKey(s: CompareSeries): string {
  if (s.kind === "store") return `store:${s.storeId}`;
  if (s.kind === "segment") return `segment:${s.segmentId}`;
  return `program:${s.programId}:${s.group}`;
}

export function parseRetentionExtras(
  params: Record<string, string | string[] | undefined>,
): RetentionExtras {
  return {
    bracketEnds: parseBracketEnds(one(params.brackets)),
    compare: parseCompare(one(params.compare)),
  };
}

/** Adds the extras to a Retention URL query, leaving defaults out so links stay short. */
export function appendExtras(params: URLSearchParams, extras: RetentionExtras): URLSearchParams {
  if (extras.bracketEnds.join(",") !== DEFAULT_BRACKET_ENDS.join(","))
    params.set("brackets", extras.bracketEnds.join(","));
  if (extras.compare.length > 0) params.set("compare", extras.compare.map(compareKey).join(","));
  return params;
}
