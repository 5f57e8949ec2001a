import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import {
  dateOrderOf,
  localeDateOrder,
  parseDay,
  parseFlag,
  parseInstant,
  parseMoney,
} from "./cells";

describe("reading CSV cells", () => {
  it("reads amounts as people write them into minor units", () => {
    expect(parseMoney("12.50")).toEqual({ ok: true, value: 1250 });
    expect(parseMoney("12,5")).toEqual({ ok: true, value: 1250 });
    expect(parseMoney("1.234,56")).toEqual({ ok: true, value: 123_456 });
    expect(parseMoney("€ 1,234.56")).toEqual({ ok: true, value: 123_456 });
    expect(parseMoney("7")).toEqual({ ok: true, value: 700 });
    expect(parseMoney("-3")).toMatchObject({
      ok: false,
      message: '"-3" is not an amount (write it like 12.50)',
    });
    expect(parseMoney("12.345")).toMatchObject({ ok: false });
  });

  it("reads dates in common formats, local times in the business's time zone", () => {
    const rome = "Europe/Rome";
    const iso = (text: string) => {
      const cell = parseInstant(text, rome);
      return cell.ok ? cell.value.toISOString() : cell.message;
    };
    expect(iso("2025-06-30T10:00:00Z")).toBe("2025-06-30T10:00:00.000Z");
    expect(iso("2025-06-30T10:00:00+02:00")).toBe("2025-06-30T08:00:00.000Z");
    expect(iso("2025-06-30 10:00")).toBe("2025-06-30T08:00:00.000Z");
    expect(iso("2025-01-15")).toBe("2025-01-14T23:00:00.000Z");
    expect(iso("30/06/2025 10:00")).toBe("2025-06-30T08:00:00.000Z");
    expect(iso("30.06.2025")).toBe("2025-06-29T22:00:00.000Z");
    expect(iso("2025/06/30 10:00")).toBe("2025-06-30T08:00:00.000Z");
    expect(iso("2025.6.3")).toBe("2025-06-02T22:00:00.000Z");
    expect(iso("2025/02/30")).toBe('"2025/02/30" is not a real date');
    // Month first (a US file): said as such, since its other dates would be read the wrong way.
    expect(iso("06/13/2025")).toBe(
      '"06/13/2025" is not a real date read day first (DD/MM/YYYY); if the file writes the month first, choose "Month first" for its dates',
    );
    expect(iso("13/13/2025")).toBe('"13/13/2025" is not a real date');
    expect(iso("31/02/2025")).toBe('"31/02/2025" is not a real date');
    expect(iso("June 30")).toMatch(/is not a date \(use YYYY-MM-DD/);
  });

  it("reads dates like 06/07/2025 month first when the file is written so", () => {
    const iso = (text: string) => {
      const cell = parseInstant(text, "America/New_York", "month-first");
      return cell.ok ? cell.value.toISOString() : cell.message;
    };
    expect(iso("06/07/2025 09:30")).toBe("2025-06-07T13:30:00.000Z");
    expect(iso("6/30/2025")).toBe("2025-06-30T04:00:00.000Z");
    // Year-first and ISO dates have one reading whatever the order.
    expect(iso("2025/06/07")).toBe("2025-06-07T04:00:00.000Z");
    expect(iso("2025-06-07")).toBe("2025-06-07T04:00:00.000Z");
    expect(iso("30/06/2025")).toBe(
      '"30/06/2025" is not a real date read month first (MM/DD/YYYY); if the file writes the day first, choose "Day first" for its dates',
    );
    expect(iso("June 30")).toMatch(/or MM\/DD\/YYYY \[HH:MM\]\)$/);
    expect(parseDay("12/31/1990", "month-first")).toEqual({ ok: true, value: "1990-12-31" });
    expect(parseDay("12/31/1990")).toMatchObject({ ok: false });
  });

  it("tells a file's date order from dates only one order can read", () => {
    expect(dateOrderOf(["01/02/2025", "30/06/2025 10:00"])).toBe("day-first");
    expect(dateOrderOf(["01/02/2025", " 06/30/2025"])).toBe("month-first");
    // Nothing over 12, or ISO dates only: the file does not say.
    expect(dateOrderOf(["01/02/2025", "12/11/2025", "2025-06-30", ""])).toBeNull();
    // Both: no order reads every date.
    expect(dateOrderOf(["30/06/2025", "06/30/2025"])).toBeNull();
    expect(localeDateOrder("en-US")).toBe("month-first");
    expect(localeDateOrder("en-GB")).toBe("day-first");
    expect(localeDateOrder("it-IT")).toBe("day-first");
    expect(localeDateOrder("de-DE")).toBe("day-first");
  });

  it("reads yes/no flags", () => {
    expect(parseFlag("Yes")).toEqual({ ok: true, value: true });
    expect(parseFlag("0")).toEqual({ ok: true, value: false });
    expect(parseFlag("maybe")).toMatchObject({ ok: false });
  });
});

describe("parseInstant across daylight-saving changes", () => {
  it("reads every quarter hour of the change days as the time-zone library does", () => {
    for (const [zone, days] of [
      ["Europe/Rome", ["2025-03-30", "2025-10-26"]],
      ["America/New_York", ["2025-03-09", "2025-11-02"]],
      ["Australia/Lord_Howe", ["2025-04-06", "2025-10-05"]],
    ] as const)
      for (const day of days)
        for (let minute = 0; minute < 24 * 60; minute += 15) {
          const hh = Math.floor(minute / 60);
          const mi = minute % 60;
          const text = `${day} ${String(hh).padStart(2, "0")}:${String(mi).padStart(2, "0")}`;
          const [y, m, d] = day.split("-").map(Number) as [number, number, number];
          const expected = new TZDate(y, m - 1, d, hh, mi, 0, zone).getTime();
          const cell = parseInstant(text, zone);
          expect(cell.ok && cell.value.getTime(), `${zone} ${text}`).toBe(expected);
        }
  });
});
