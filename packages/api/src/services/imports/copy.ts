import type { Writable } from "node:stream";
import type { Database } from "@boomerang/db";

/**
 * COPY FROM STDIN inside an import's transaction. postgres.js (`sql.unsafe(...).writable()`) takes
 * rows as COPY text and skips building, sending and parsing a statement per batch; PGlite has one
 * in-process connection and no COPY stream, so callers keep their one-statement JSON path for it.
 */

type CopyClient = { unsafe: (query: string) => { writable: () => Promise<Writable> } };

/** The postgres.js connection of a Drizzle transaction, or null on PGlite. */
export function copyClient(tx: Database): CopyClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return typeof (client as { unsafe?: unknown } | undefined)?.unsafe === "function"
    ? (client as CopyClient)
    : null;
}

export type CopyCell = string | number | boolean | Date | null;

// Backslash, tab, newline and carriage return are the only characters COPY text treats specially.
const escapeText = (value: string): string =>
  /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;

// The last instant written and its text: an order's lines share one Date (see RowReader).
let lastDate: Date | null = null;
let lastIso = "";

/** One cell in COPY text format: `\N` for null, instants as ISO strings. */
function copyCell(value: CopyCell | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) {
    if (value !== lastDate) {
      lastIso = value.toISOString();
      lastDate = value;
    }
    return lastIso;
  }
  return String(value);
}

/** One row in COPY text format: tab-separated, `\N` for null, instants as ISO strings. */
export function copyLine(values: readonly CopyCell[]): string {
  let line = copyCell(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyCell(values[i])}`;
  return `${line}\n`;
}

/** A staged row in COPY text format: its line number, then its values. */
export function copyRow(first: CopyCell, values: readonly CopyCell[]): string {
  let line = copyCell(first);
  for (let i = 0; i < values.length; i++) line += `\t${copyCell(values[i])}`;
  return `${line}\n`;
}

/** An open COPY: write blocks of lines (waiting while the socket is full), then end it. */
export class CopyStream {
  private failure: Error | null = null;
  private constructor(private readonly stream: Writable) {
    stream.on("error", (error: Error) => (this.failure ??= error));
  }

  static async open(client: CopyClient, statement: string): Promise<CopyStream> {
    return new CopyStream(await client.unsafe(statement).writable());
  }

  async write(block: string): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (block.length === 0) return;
    if (!this.stream.write(block))
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          this.stream.off("drain", done);
          this.stream.off("error", done);
          if (error) reject(error);
          else resolve();
        };
        this.stream.on("drain", done);
        this.stream.on("error", done);
      });
  }

  /**
   * Abandons the COPY (postgres.js sends CopyFail: the server discards its rows and fails the
   * statement, so the transaction can roll back) and waits until the stream has closed.
   */
  async abort(error: Error): Promise<void> {
    if (this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.stream.once("close", () => resolve());
      this.stream.destroy(error);
    });
  }

  /**
   * Ends the COPY and waits until the server has taken every row (or refused one: a refusal that
   * arrives after the end settles the stream only with patches/postgres@3.4.9.patch).
   */
  async end(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.once("finish", resolve);
      this.stream.end();
    });
  }
}

/** Rows per block sent to the server, and the characters at which a block ends sooner. */
const BLOCK_ROWS = 2000;
const BLOCK_CHARS = 1 << 20;

/**
 * COPYs rows into a table (postgres.js only), each block of lines sent as soon as it is built: the
 * server takes one block while this process builds the next. A line that cannot be built (it
 * throws) abandons the COPY, so the connection is free for the transaction's rollback.
 */
export async function copyRows<T>(
  client: CopyClient,
  statement: string,
  rows: Iterable<T>,
  line: (row: T) => string,
): Promise<void> {
  const copy = await CopyStream.open(client, statement);
  try {
    let lines: string[] = [];
    let size = 0;
    for (const row of rows) {
      const text = line(row);
      lines.push(text);
      size += text.length;
      if (lines.length >= BLOCK_ROWS || size >= BLOCK_CHARS) {
        await copy.write(lines.join(""));
        lines = [];
        size = 0;
      }
    }
    await copy.write(lines.join(""));
  } catch (error) {
    await copy.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await copy.end();
}

/** Copies whole blocks of lines into a table in one COPY (postgres.js only). */
export async function copyBlocks(
  client: CopyClient,
  statement: string,
  blocks: readonly string[],
): Promise<void> {
  await copyRows(client, statement, blocks, (block) => block);
}
