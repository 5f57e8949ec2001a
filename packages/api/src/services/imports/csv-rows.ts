import type { Readable } from "node:stream";
import Papa from "papaparse";

/**
 * The file's records, one array of cells each, parsed as the bytes arrive: the whole file is never
 * in memory. Async iteration gives backpressure, so a slow database slows the reading.
 */
export async function* csvRecords(source: Readable): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    skipEmptyLines: "greedy",
  }) as NodeJS.ReadWriteStream;
  source.on("error", (error) => parser.emit("error", error));
  source.pipe(parser);
  for await (const record of parser as AsyncIterable<unknown>) yield record as string[];
}
