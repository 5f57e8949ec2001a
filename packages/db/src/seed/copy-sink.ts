import { setImmediate as yieldToIo } from "node:timers/promises";
import type { Writable } from "node:stream";
import type { Sql } from "postgres";
import type { DbHandle } from "../client";
import { customerEventsCopy, customersCopy, orderItemsCopy, ordersCopy, type CopyTable } from "./copy-format";
import type { RowSink } from "./sink";

const BLOCK_CHARS = 1 << 20;

/** Lines of one table for one chunk of customers, joined into ~1 MB blocks as they come. */
class Lines<Row> {
  blocks: string[] = [];
  private current: string[] = [];
  private chars = 0;
  constructor(readonly format: CopyTable<Row>) {}
  add(row: Row): void {
    const line = this.format.line(row);
    this.current.push(line);
    this.chars += line.length;
    if (this.chars >= BLOCK_CHARS) this.seal();
  }
  seal(): string[] {
    if (this.current.length > 0) this.blocks.push(this.current.join(""));
    this.current = [];
    this.chars = 0;
    return this.blocks;
  }
}

async function writeAll(stream: Writable, blocks: readonly string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once("error", reject);
    stream.once("finish", resolve);
    const pump = (from: number): void => {
      for (let i = from; i < blocks.length; i++) {
        // Respect backpressure so a 10-million-row load never piles up in memory.
        if (!stream.write(blocks[i])) {
          stream.once("drain", () => pump(i + 1));
          return;
        }
      }
      stream.end();
    };
    pump(0);
  });
}

/**
 * COPY FROM STDIN through postgres.js. Customers are cut into chunks; each chunk is copied table by
 * table (customers before what references them) on one reserved connection, while the next chunk
 * is being generated, so generation and loading overlap and memory stays bounded.
 */
export function copySink(handle: DbHandle, chunkCustomers = 20_000): RowSink {
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const reserved = client.reserve();
  const fresh = () => ({
    customers: new Lines(customersCopy),
    orders: new Lines(ordersCopy),
    items: new Lines(orderItemsCopy),
    events: new Lines(customerEventsCopy),
    size: 0,
  });
  let chunk = fresh();
  let inFlight: Promise<void> = Promise.resolve();

  const copy = async (full: ReturnType<typeof fresh>): Promise<void> => {
    const sql = await reserved;
    for (const lines of [full.customers, full.orders, full.items, full.events] as const) {
      const blocks = lines.seal();
      if (blocks.length === 0) continue;
      const { table, columns } = lines.format;
      const stream = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
      await writeAll(stream, blocks);
    }
  };
  const flush = async (): Promise<void> => {
    const full = chunk;
    chunk = fresh();
    await inFlight;
    inFlight = copy(full);
    // Surface a failed COPY at the next flush instead of as an unhandled rejection.
    inFlight.catch(() => {});
  };

  return {
    async write(bundle) {
      chunk.customers.add(bundle.customer);
      for (const o of bundle.orders) chunk.orders.add(o);
      for (const i of bundle.items) chunk.items.add(i);
      for (const e of bundle.events) chunk.events.add(e);
      chunk.size++;
      if (chunk.size >= chunkCustomers) await flush();
      // Generation is synchronous; let socket writes of the previous chunk progress meanwhile.
      else if (chunk.size % 500 === 0) await yieldToIo();
    },
    async finish() {
      if (chunk.size > 0) await flush();
      try {
        await inFlight;
      } finally {
        (await reserved).release();
      }
    },
  };
}
