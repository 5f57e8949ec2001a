import { setImmediate as yieldToIo } from "node:timers/promises";
import type { Writable } from "node:stream";
import type { Sql } from "postgres";
import type { DbHandle } from "../client";
import { CopyChunk } from "./copy-chunk";
import type { RowSink } from "./sink";

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
 * table (customers before what references them) on one reserved connection while the next chunk
 * is generated, so generation and loading overlap and memory stays bounded.
 */
export function copySink(handle: DbHandle, chunkCustomers = 20_000): RowSink {
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const reserved = client.reserve().then(async (sql) => {
    // Like pg_restore --disable-triggers: the generated rows are consistent by construction, and the
    // per-row foreign-key triggers are the largest cost of a 10-million-order load. Only a superuser
    // may do this, and only for this session; others load with every check on.
    const [role] = await sql<
      { super: boolean }[]
    >`select rolsuper as super from pg_roles where rolname = current_user`;
    if (role?.super) await sql`set session_replication_role = replica`;
    return sql;
  });
  let chunk = new CopyChunk();
  let inFlight: Promise<void> = Promise.resolve();

  const copy = async (full: CopyChunk): Promise<void> => {
    const sql = await reserved;
    for (const part of full.parts("stdin")) {
      await writeAll(await sql.unsafe(part.statement).writable(), part.blocks);
    }
  };
  const flush = async (): Promise<void> => {
    const full = chunk;
    chunk = new CopyChunk();
    await inFlight;
    inFlight = copy(full);
    // A failed COPY surfaces at the next flush or finish, not as an unhandled rejection.
    inFlight.catch(() => {});
  };

  return {
    async write(bundle) {
      chunk.add(bundle);
      if (chunk.customers >= chunkCustomers) await flush();
      // Generation is synchronous; let socket writes of the previous chunk progress meanwhile.
      else if (chunk.customers % 500 === 0) await yieldToIo();
    },
    async finish() {
      if (chunk.customers > 0) await flush();
      const sql = await reserved;
      try {
        await inFlight;
      } finally {
        await sql`reset session_replication_role`.catch(() => {});
        sql.release();
      }
    },
  };
}
