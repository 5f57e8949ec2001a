import { refusedInput } from "@boomerang/api/services/ingest/transaction";
import { CSV_BOM, csvCell } from "../../../components/charts/csv";

/**
 * A database value as one CSV cell, written as the charts' downloads write them: text a spreadsheet
 * would run as a formula (a customer's name or a ledger note starting with = + - @) is prefixed with
 * ', numbers are written as they are (a negative amount stays a number).
 */
const cell = (value: unknown): string =>
  csvCell(
    value === undefined
      ? null
      : value === null ||
          typeof value === "string" ||
          typeof value === "number" ||
          typeof value === "boolean"
        ? value
        : String(value),
  );
const csvLines = (rows: unknown[][]): string =>
  rows.map((r) => `${r.map(cell).join(",")}\r\n`).join("");

/**
 * A CSV response that pulls one page of rows at a time (keyset pagination by id), so an export of
 * any size starts at once and never sits whole in memory. The first page is read before answering:
 * a value the database refuses (an id past its range, a NUL character) is a 400 that says so, not
 * a download cut off after its header.
 */
export async function csvResponse<T extends { id: number }>(
  fileName: string,
  header: string[],
  page: (afterId: number) => Promise<T[]>,
  toCells: (row: T) => unknown[],
): Promise<Response> {
  let first: T[] | null;
  try {
    first = await page(0);
  } catch (error) {
    if (refusedInput(error))
      return Response.json(
        {
          error: {
            message:
              "A value in the address is out of range or holds a character that cannot be stored (NUL): check the ids and the search text.",
          },
        },
        { status: 400 },
      );
    throw error;
  }
  let afterId = 0;
  let headerSent = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark first: without it Excel reads the file as ANSI and "Müller" comes out
        // as "MÃ¼ller". Every CSV the app writes starts with one (see charts/csv.ts).
        controller.enqueue(encoder.encode(`${CSV_BOM}${csvLines([header])}`));
      }
      const rows = first ?? (await page(afterId));
      first = null;
      if (rows.length === 0) {
        controller.close();
        return;
      }
      afterId = rows[rows.length - 1]!.id;
      controller.enqueue(encoder.encode(csvLines(rows.map(toCells))));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      // Personal data: never kept by a browser or proxy cache.
      "cache-control": "no-store",
    },
  });
}
