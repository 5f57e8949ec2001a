const cell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLines = (rows: unknown[][]): string =>
  rows.map((r) => `${r.map(cell).join(",")}\r\n`).join("");

/**
 * A CSV response that pulls one page of rows at a time (keyset pagination by id), so an export of
 * any size starts at once and never sits whole in memory.
 */
export function csvResponse<T extends { id: number }>(
  fileName: string,
  header: string[],
  page: (afterId: number) => Promise<T[]>,
  toCells: (row: T) => unknown[],
): Response {
  let afterId = 0;
  let headerSent = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([header])));
      }
      const rows = await page(afterId);
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
    },
  });
}
