import type { PGlite } from "@electric-sql/pglite";
import type { DbHandle } from "../client";
import { CopyChunk } from "./copy-chunk";
import type { RowSink } from "./sink";

/**
 * PGlite's COPY reads from a Blob at '/dev/blob'. Row-by-row parameters through the WebAssembly
 * boundary cost ~4x more than this, so demo-size seeds use COPY here too, one transaction per
 * chunk of customers with everything they own.
 */
export function pgliteCopySink(handle: DbHandle, chunkCustomers = 5_000): RowSink {
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  let chunk = new CopyChunk();
  const flush = async (): Promise<void> => {
    const full = chunk;
    chunk = new CopyChunk();
    await client.transaction(async (tx) => {
      // As on PostgreSQL (copy-sink.ts): the generated rows are consistent by construction, so the
      // per-row foreign-key triggers (three per ledger entry) are skipped for the load. PGlite's
      // single user is a superuser; this lasts for the transaction only.
      await tx.exec("set local session_replication_role = replica");
      for (const part of full.parts("'/dev/blob'"))
        await tx.query(part.statement, [], { blob: new Blob(part.blocks) });
    });
  };
  return {
    async write(bundle) {
      chunk.add(bundle);
      if (chunk.customers >= chunkCustomers) await flush();
    },
    async finish() {
      if (chunk.customers > 0) await flush();
    },
  };
}
