import { TZDate } from "@date-fns/tz";

/** A cell read as a typed value, or the reason it cannot be. */
export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = (message: string): Cell<never> => ({ ok: false, message });

/** Money in major units as people write it ("12.50", "1,234.50", "12,50", "€ 12.50") → minor units. */
export function parseMoney(text: string): Cell<number> {
  let s = text.replace(/[\s€$£]/g, "");
  // "1.234,50" and "12,50": a comma followed by exactly two digits at the end is the decimal mark.
  if (/,\d{1,2}$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
  else s = s.replace(/,/g, "");
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (match === null) return bad(`"${text}" is not an amount (write it like 12.50)`);
  const minor = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(minor) && minor <= 1e12 ? ok(minor) : bad(`"${text}" is too large`);
}

export function parseCount(text: string): Cell<number> {
  if (!/^\d+$/.test(text.trim())) return bad(`"${text}" is not a whole number`);
  const n = Number(text.trim());
  return n >= 1 && n <= 100_000 ? ok(n) : bad(`${n} is out of range (1 to 100,000)`);
}

const truthy = new Set(["true", "yes", "y", "1", "si", "sì", "x"]);
const falsy = new Set(["false", "no", "n", "0", ""]);

export function parseFlag(text: string): Cell<boolean> {
  const s = text.trim().toLowerCase();
  if (truthy.has(s)) return ok(true);
  if (falsy.has(s)) return ok(false);
  return bad(`"${text}" is not yes/no (use true, false, yes, no, 1 or 0)`);
}

type Parts = {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
  zone: string | null;
};

/** A date without a zone: its year and day as given, the month and time from groups 2 and 4-6. */
const localParts = (m: RegExpExecArray, y: number, d: number): Parts => ({
  y,
  m: +m[2]!,
  d,
  hh: +(m[4] ?? 0),
  mi: +(m[5] ?? 0),
  ss: +(m[6] ?? 0),
  zone: null,
});

/** How a file writes dates like 06/07/2025: the day first (en-GB, it-IT) or the month first (en-US). */
export type DateOrder = "day-first" | "month-first";

/** Two numbers, then the year: 30/06/2025, 06.30.2025, 6-30-2025 (the order is the file's). */
export const numericDate =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const patterns: { re: RegExp; read: (m: RegExpExecArray, order: DateOrder) => Parts }[] = [
  {
    re: /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i,
    read: (m) => ({
      y: +m[1]!,
      m: +m[2]!,
      d: +m[3]!,
      hh: +(m[4] ?? 0),
      mi: +(m[5] ?? 0),
      ss: +(m[6] ?? 0),
      zone: m[7] ?? null,
    }),
  },
  {
    // Year first with slashes or dots (2025/06/30, as spreadsheets in East Asia and some tills write).
    re: /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
    read: (m) => localParts(m, +m[1]!, +m[3]!),
  },
  {
    re: numericDate,
    read: (m, order) =>
      order === "day-first"
        ? localParts(m, +m[3]!, +m[1]!)
        : { ...localParts(m, +m[3]!, +m[2]!), m: +m[1]! },
  },
];

const validParts = (p: Parts) =>
  p.y >= 1900 &&
  p.y <= 2200 &&
  p.m >= 1 &&
  p.m <= 12 &&
  p.d >= 1 &&
  p.d <= new Date(Date.UTC(p.y, p.m, 0)).getUTCDate() &&
  p.hh < 24 &&
  p.mi < 60 &&
  p.ss < 60;

const formats = (order: DateOrder) =>
  `YYYY-MM-DD, YYYY-MM-DD HH:MM, ISO 8601 with a zone, YYYY/MM/DD [HH:MM] or ${order === "day-first" ? "DD/MM/YYYY" : "MM/DD/YYYY"} [HH:MM]`;

// A time-zone conversion costs more than the rest of reading a row, so the start of each local
// hour is computed once and minutes are added to it — for hours without an offset change in them
// (start to end is exactly one hour); the others are converted minute by minute.
const hourStarts = new Map<string, number | null>();

function localTime(p: Parts, timeZone: string): number {
  const key = `${timeZone} ${p.y} ${p.m} ${p.d} ${p.hh}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    const from = new TZDate(p.y, p.m - 1, p.d, p.hh, 0, 0, timeZone).getTime();
    const to = new TZDate(p.y, p.m - 1, p.d, p.hh + 1, 0, 0, timeZone).getTime();
    start = to - from === 3_600_000 ? from : null;
    if (hourStarts.size >= 100_000) hourStarts.clear();
    hourStarts.set(key, start);
  }
  return start === null
    ? new TZDate(p.y, p.m - 1, p.d, p.hh, p.mi, p.ss, timeZone).getTime()
    : start + p.mi * 60_000 + p.ss * 1000;
}

/**
 * Why a date that looks like one is refused. A date that is not real in the order chosen for the
 * file but would be the other way round (06/13/2025 read day first) most likely means the order is
 * the wrong one for this file: say which to choose, since its other dates (06/07/2025) would be
 * read as the wrong day.
 */
function notRealDate(text: string, p: Parts, order: DateOrder): string {
  const swapped = { ...p, m: p.d, d: p.m };
  if (numericDate.test(text.trim()) && validParts(swapped))
    return order === "day-first"
      ? `"${text}" is not a real date read day first (DD/MM/YYYY); if the file writes the month first, choose "Month first" for its dates`
      : `"${text}" is not a real date read month first (MM/DD/YYYY); if the file writes the day first, choose "Day first" for its dates`;
  return `"${text}" is not a real date`;
}

/**
 * An instant; times without a zone are read in the business's time zone, dates like 06/07/2025 in
 * the file's order (day first unless told otherwise).
 */
export function parseInstant(
  text: string,
  timeZone: string,
  order: DateOrder = "day-first",
): Cell<Date> {
  const s = text.trim();
  for (const pattern of patterns) {
    const m = pattern.re.exec(s);
    if (m === null) continue;
    const p = pattern.read(m, order);
    if (!validParts(p)) return bad(notRealDate(text, p, order));
    if (p.zone !== null) {
      const zone =
        p.zone.toUpperCase() === "Z" ? "Z" : p.zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
      const iso = `${String(p.y).padStart(4, "0")}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}T${String(p.hh).padStart(2, "0")}:${String(p.mi).padStart(2, "0")}:${String(p.ss).padStart(2, "0")}${zone}`;
      return ok(new Date(iso));
    }
    return ok(new Date(localTime(p, timeZone)));
  }
  return bad(`"${text}" is not a date (use ${formats(order)})`);
}

/** A calendar date (birth dates) as YYYY-MM-DD. */
export function parseDay(text: string, order: DateOrder = "day-first"): Cell<string> {
  const s = text.trim();
  for (const pattern of patterns) {
    const m = pattern.re.exec(s);
    if (m === null) continue;
    const p = pattern.read(m, order);
    if (!validParts(p)) return bad(notRealDate(text, p, order));
    return ok(`${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`);
  }
  return bad(
    `"${text}" is not a date (use YYYY-MM-DD or ${order === "day-first" ? "DD/MM/YYYY" : "MM/DD/YYYY"})`,
  );
}

/**
 * What a file's dates say of their order: a first number over 12 (30/06/2025) can only be a day,
 * a second one over 12 (06/30/2025) only a month-first date. Null when its dates say neither (all
 * numbers up to 12, ISO dates only) or both (a file that mixes the two cannot be read either way).
 */
export function dateOrderOf(texts: Iterable<string>): DateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const text of texts) {
    const m = numericDate.exec(text.trim());
    if (m === null) continue;
    const [a, b] = [+m[1]!, +m[2]!];
    if (a > 12 && b <= 12) dayFirst = true;
    if (b > 12 && a <= 12) monthFirst = true;
  }
  return dayFirst === monthFirst ? null : dayFirst ? "day-first" : "month-first";
}

/** The order the business's locale writes dates in: en-US writes 6/30/2025, en-GB 30/06/2025. */
export function localeDateOrder(locale: string): DateOrder {
  const parts = new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric" })
    .formatToParts(new Date(Date.UTC(2025, 5, 30, 12)))
    .map((part) => part.type);
  return parts.indexOf("month") < parts.indexOf("day") ? "month-first" : "day-first";
}
