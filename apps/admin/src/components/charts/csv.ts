export type CsvCell = string | number | boolean | null;

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a text starting with = + - @ is
 * prefixed with ' so a spreadsheet shows it instead of running it as a formula (a segment or store
 * name is typed by users) — except a phone number (+ then digits and spaces), which can call
 * nothing and must reach an SMS tool as it is. Numbers are written as they are.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^\+?[\d ]+$/.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header and rows as CSV text, one line each. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n");
}

/** Hands CSV text to the browser as a downloaded file (in the browser only, on a user's action). */
export function saveCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
