import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createProgram } from "../src/programs/parse";
import { programTypes } from "../src/programs/registry";
import { replay } from "../src/programs/replay";
import { generateOrders } from "./generate";

/**
 * Replays 1,000,000 generated orders through each program type (defaults, plus what makes the
 * generated stream exercise it) and prints orders per second, ledger included. The figure uses the
 * process's CPU time, i.e. one core's throughput even when other work shares the machine; wall
 * time is printed beside it. Each type gets a warm-up pass first.
 *
 * A bulk replay writes its ledger as columns and builds the `LedgerEntry` objects when `ledger`
 * is first read. Reading them is timed on its own and shown as a last column (orders/s for replay
 * plus reading every entry as an object), so the cost a caller pays for the objects stays visible.
 */
const ORDERS = Number(process.argv[2] ?? 1_000_000);
// Optional type ids after the count, to profile one type alone: `tsx bench/run.ts 1000000 cashback`.
const ONLY = new Set(process.argv.slice(3));
const PER_CUSTOMER = 50;
const TARGET = 1_000_000;

const paramsFor: Record<string, Record<string, unknown>> = {
  "exclusive-offer": { cardHoldersOnly: false, segments: ["vip"], usesPerCustomer: 0 },
  "promo-code": { usesPerCustomer: 0, minOrder: 1_000 },
  "vip-tiers": { earnPoints: 1 },
};

// A full collection before each measured run, so no type pays for the garbage of the one before.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const orders = generateOrders(ORDERS, PER_CUSTOMER, 42);
const warmup = orders.slice(0, Math.min(200_000, ORDERS));
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
const below: string[] = [];

console.info(
  `${"type".padEnd(18)} ${"orders/s (cpu)".padStart(15)} ${"orders/s (wall)".padStart(16)} ${"ledger entries".padStart(15)} ${"+ entry objects".padStart(16)}`,
);
for (const type of programTypes.values()) {
  if (ONLY.size > 0 && !ONLY.has(type.id)) continue;
  const created = createProgram(type.id, paramsFor[type.id] ?? {});
  if (!created.ok) throw new Error(`${type.id}: ${created.errors.join("; ")}`);
  replay(created.value, warmup);
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const result = replay(created.value, orders);
  const wall = (performance.now() - started) / 1000;
  const cpuUsed = process.cpuUsage(cpuStart);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
  const readStart = process.cpuUsage();
  const entries = result.ledger.length;
  const readUsed = process.cpuUsage(readStart);
  const read = (readUsed.user + readUsed.system) / 1e6;
  if (ORDERS / cpu < TARGET) below.push(type.id);
  console.info(
    `${type.id.padEnd(18)} ${fmt(ORDERS / cpu).padStart(15)} ${fmt(ORDERS / wall).padStart(16)} ${fmt(entries).padStart(15)} ${fmt(ORDERS / (cpu + read)).padStart(16)}`,
  );
}

console.info(
  `\n${fmt(ORDERS)} orders, ~${PER_CUSTOMER} per customer over two years, Node ${process.version}`,
);
if (below.length > 0) console.warn(`below ${fmt(TARGET)} orders/s: ${below.join(", ")}`);
