import type { Readable } from "node:stream";
import Papa from "papaparse";

/** Parsed batches waiting for the reader before the parser pauses (backpressure). */
const MAX_QUEUED = 4;

/**
 * The file's records, one array of cells each, in batches as the bytes arrive: the whole file is
 * never in memory. Papa Parse hands over each chunk's records at once (per-record stream objects
 * cost more than the parsing itself), and pauses while the reader is behind, so a slow database
 * slows the reading. The source should be decoded text (`setEncoding`), so a character split
 * between two reads stays whole.
 */
export async function* csvBatches(source: Readable): AsyncGenerator<string[][]> {
  const queue: string[][][] = [];
  let finished = false;
  let failure: unknown = null;
  let parser: Papa.Parser | null = null;
  let paused = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  source.on("error", (error) => {
    failure ??= error;
    finished = true;
    notify();
  });
  Papa.parse<string[]>(source as unknown as File, {
    skipEmptyLines: "greedy",
    chunk(results, handle) {
      parser = handle;
      if (results.data.length > 0) queue.push(results.data);
      if (queue.length >= MAX_QUEUED && !paused) {
        paused = true;
        handle.pause();
      }
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(error) {
      failure ??= error;
      finished = true;
      notify();
    },
  });
  for (;;) {
    const batch = queue.shift();
    if (batch !== undefined) {
      if (paused && queue.length < MAX_QUEUED / 2) {
        paused = false;
        (parser as Papa.Parser | null)?.resume();
      }
      yield batch;
      continue;
    }
    if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
    if (finished) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** The file's records one by one (see `csvBatches`). */
export async function* csvRecords(source: Readable): AsyncGenerator<string[]> {
  for await (const batch of csvBatches(source)) yield* batch;
}
