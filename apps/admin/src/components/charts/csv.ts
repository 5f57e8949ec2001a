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

/** Starts every CSV file the app writes: Excel reads UTF-8 (accents, €) only after one. */
export const CSV_BOM = "\uFEFF";

/** A header and rows as CSV text, each line ended with CRLF (RFC 4180, as the server's exports). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvCell).join(",")}\r\n`).join("");
}

/** Hands CSV text to the browser as a downloaded file (in the browser only, on a user's action). */
export function saveCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([CSV_BOM, text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked once the click has been handled: some browsers cancel a download revoked at once.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
