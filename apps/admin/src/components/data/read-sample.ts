/** The start of a chosen file as the import preview reads it, or why it cannot be imported. */
export type Sample =
  { ok: true; text: string; encoding: "utf-8" | "windows-1252" } | { ok: false; message: string };

const saveAsCsv =
  'In the spreadsheet, choose File → Save As → "CSV UTF-8 (Comma delimited)", then choose that file here.';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads the first bytes of a file: a spreadsheet workbook (xlsx, ods: a zip; old xls: an OLE
 * file) is refused with how to save it as CSV; text that is not UTF-8 is read as Windows-1252,
 * what spreadsheets on Windows save as plain "CSV", so its accented names arrive intact.
 */
export function readSample(bytes: Uint8Array): Sample {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return {
      ok: false,
      message: `This is a spreadsheet workbook (such as .xlsx), not CSV. ${saveAsCsv}`,
    };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return {
      ok: false,
      message: `This is an Excel 97-2003 workbook (.xls), not CSV. ${saveAsCsv}`,
    };
  if (bytes.includes(0))
    return { ok: false, message: `This file is not text (it holds NUL bytes). ${saveAsCsv}` };
  try {
    // `stream`: a character cut in two by the end of the sample is not an error.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return { ok: true, text, encoding: "utf-8" };
  } catch {
    return {
      ok: true,
      text: new TextDecoder("windows-1252").decode(bytes),
      encoding: "windows-1252",
    };
  }
}

/** Decodes a sample's bytes in the encoding the person chose for the file. */
export const decodeSample = (bytes: Uint8Array, encoding: "utf-8" | "windows-1252"): string =>
  new TextDecoder(encoding).decode(bytes, { stream: true });

/**
 * Whether a whole file is UTF-8, read as a stream (a file of hundreds of megabytes is never whole
 * in memory): an Excel "CSV" can be plain ASCII for thousands of rows before its first "é".
 */
export async function isUtf8(stream: ReadableStream<Uint8Array>): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        decoder.decode();
        return true;
      }
      decoder.decode(value, { stream: true });
    }
  } catch {
    return false;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
