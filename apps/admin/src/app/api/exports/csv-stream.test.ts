import { describe, expect, it } from "vitest";
import { csvResponse } from "./csv-stream";

type Row = { id: number; name: string; amount: number; note: string | null };

/** A response over these pages of rows (by id), read back as text. */
async function exported(rows: Row[], pageSize = 2): Promise<{ text: string; pages: number[] }> {
  const pages: number[] = [];
  const response = await csvResponse<Row>(
    "test.csv",
    ["id", "name", "amount", "note"],
    async (afterId) => {
      pages.push(afterId);
      return rows.filter((r) => r.id > afterId).slice(0, pageSize);
    },
    (r) => [r.id, r.name, r.amount, r.note],
  );
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toBe('attachment; filename="test.csv"');
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { text: await response.text(), pages };
}

describe("csvResponse", () => {
  it("starts with a byte-order mark, so Excel reads accented names as UTF-8", async () => {
    const response = await csvResponse<Row>(
      "bom.csv",
      ["id", "name"],
      async (afterId) => (afterId === 0 ? [{ id: 1, name: "Müller", amount: 0, note: null }] : []),
      (r) => [r.id, r.name],
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("id,name\r\n1,Müller\r\n");
  });

  it("neutralises text a spreadsheet would run as a formula, and keeps negative numbers numbers", async () => {
    const { text } = await exported([
      { id: 1, name: '=HYPERLINK("http://x.test","Click")', amount: -150, note: "+1 bonus" },
      { id: 2, name: "@SUM(A1:A9)", amount: 40, note: "-5 taken back" },
      { id: 3, name: 'Anna, "the" regular', amount: 0, note: null },
      { id: 4, name: "Bruno", amount: 1, note: "+39 333 1234567" },
    ]);
    expect(text.split("\r\n")).toEqual([
      "id,name,amount,note",
      `1,"'=HYPERLINK(""http://x.test"",""Click"")",-150,'+1 bonus`,
      "2,'@SUM(A1:A9),40,'-5 taken back",
      '3,"Anna, ""the"" regular",0,',
      // A phone number reaches an SMS tool as it is: it can call nothing.
      "4,Bruno,1,+39 333 1234567",
      "",
    ]);
  });

  it("reads page after page by the last id until a page comes back empty", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({
      id: 10 * (i + 1),
      name: `C${i}`,
      amount: i,
      note: null,
    }));
    const { text, pages } = await exported(rows);
    expect(pages).toEqual([0, 20, 40, 50]);
    expect(text.trim().split("\r\n")).toHaveLength(6);
  });

  it("answers 400, before any byte of CSV, when the database refuses a value of the request", async () => {
    const refused = Object.assign(new Error("value out of range for type integer"), {
      code: "22003",
    });
    const response = await csvResponse<Row>(
      "test.csv",
      ["id"],
      () => Promise.reject(new Error("query failed", { cause: refused })),
      (r) => [r.id],
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: expect.stringContaining("out of range") },
    });
    // Anything else is the server's failure, not the caller's: it is not dressed up as a 400 —
    // a data error of the server's own making (a division by zero) included.
    const division = Object.assign(new Error("division by zero"), { code: "22012" });
    await expect(
      csvResponse<Row>(
        "test.csv",
        ["id"],
        () => Promise.reject(division),
        (r) => [r.id],
      ),
    ).rejects.toThrow("division by zero");
    await expect(
      csvResponse<Row>(
        "test.csv",
        ["id"],
        () => Promise.reject(new Error("connection lost")),
        (r) => [r.id],
      ),
    ).rejects.toThrow("connection lost");
  });
});
