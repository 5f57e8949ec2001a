import { describe, expect, it } from "vitest";
import { isUtf8, readSample } from "./read-sample";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)),
  );

describe("reading the start of a file chosen for import", () => {
  it("reads UTF-8 text as it is, even when the sample ends inside a character", () => {
    const text = "customer_id,name\nC1,Müller\nC2,José";
    const encoded = new TextEncoder().encode(text);
    expect(readSample(encoded)).toEqual({ ok: true, text, encoding: "utf-8" });
    // "é" is two bytes: the sample's last byte is the first of them.
    const cut = readSample(encoded.slice(0, encoded.length - 1));
    expect(cut).toMatchObject({
      ok: true,
      encoding: "utf-8",
      text: "customer_id,name\nC1,Müller\nC2,Jos",
    });
  });

  it("reads a Windows-1252 file (Excel's plain CSV) as such, accents intact", () => {
    // "Müller" and "café" as Windows-1252 bytes: not valid UTF-8. (Its 0x80-0x9F, "€" and curly
    // quotes, are the browser's TextDecoder's; Node 20's reads them as Latin-1, so not checked here.)
    const sample = readSample(bytes("id,name,note\nC1,M", [0xfc], "ller,caf", [0xe9]));
    expect(sample).toEqual({
      ok: true,
      text: "id,name,note\nC1,Müller,café",
      encoding: "windows-1252",
    });
  });

  it("refuses workbooks and binary files, saying how to save the sheet as CSV", () => {
    const xlsx = readSample(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect(xlsx).toMatchObject({ ok: false });
    expect(!xlsx.ok && xlsx.message).toMatch(/spreadsheet workbook .*CSV UTF-8/);
    const xls = readSample(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]));
    expect(!xls.ok && xls.message).toMatch(/Excel 97-2003 workbook/);
    const binary = readSample(bytes("GIF89a", [0, 1, 2]));
    expect(!binary.ok && binary.message).toMatch(/not text/);
  });
});

describe("checking a whole file is UTF-8 before it is uploaded", () => {
  const streamOf = (...chunks: Uint8Array<ArrayBuffer>[]) => new Blob(chunks).stream();

  it("accepts UTF-8 whose characters are cut between chunks, refuses a late Windows-1252 byte", async () => {
    const text = new TextEncoder().encode(`id,name\n${"C,Ann\n".repeat(20_000)}C,Zoë\n`);
    const at = text.length - 2; // between the two bytes of "ë"
    expect(await isUtf8(streamOf(text.slice(0, at), text.slice(at)))).toBe(true);
    const late = new Uint8Array([
      ...new TextEncoder().encode(`id,name\n${"C,Ann\n".repeat(20_000)}C,Zo`),
      0xeb,
      0x0a,
    ]);
    expect(await isUtf8(streamOf(late))).toBe(false);
    // A file that ends inside a character is not UTF-8 either.
    expect(await isUtf8(streamOf(text.slice(0, at)))).toBe(false);
  });
});
