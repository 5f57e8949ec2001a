import {
  comparisonInput,
  comparisonSteps,
  prepareComparison,
  summarizeComparison,
} from "@boomerang/domain/simulation";
import type { DbHandle } from "../src/client";
import { loadOrderHistory } from "../src/queries/simulation";
import { measure, ms, onBenchDatabases } from "./measure";

/**
 * The target: 12 months of the demo business simulated for 4 candidates in under 10 s.
 * Measures the history load (one query) and the simulation (replay of every candidate, 200
 * bootstrap resamples, sensitivity band) separately, median of 3 after a warm-up. PGlite: an
 * in-memory demo (BENCH_PGLITE_CUSTOMERS, default 20,000). PostgreSQL: BENCH_DATABASE_URL.
 */
const AS_OF = new Date("2026-01-01T00:00:00Z");
const period = { from: new Date("2025-01-01T00:00:00Z"), to: AS_OF };
const input = comparisonInput.parse({
  candidates: [
    { label: "Points", typeId: "points", params: {} },
    { label: "Cashback", typeId: "cashback", params: {} },
    { label: "Cumulative discount", typeId: "tiered-discount", params: {} },
    { label: "VIP tiers", typeId: "vip-tiers", params: {} },
  ],
});

async function run(label: string, handle: DbHandle) {
  let history = await loadOrderHistory(handle.db, { ...period, storeId: null });
  const load = await measure(
    async () => {
      history = await loadOrderHistory(handle.db, { ...period, storeId: null });
    },
    3,
    1,
  );
  console.info(
    `${label}: ${history.customerIds.length} customers, ${history.orderIds.length} orders in 12 months`,
  );
  console.info(
    `  load history (one query)          ${ms(load.median).padStart(9)} median (${ms(load.min)}–${ms(load.max)})`,
  );
  const span = { from: period.from.getTime(), to: period.to.getTime() };
  const simulate = await measure(
    async () => {
      const prepared = prepareComparison(input, history, span);
      if (!prepared.ok) throw new Error(prepared.errors.join("; "));
      for (const step of comparisonSteps(prepared.value)) step();
      summarizeComparison(prepared.value);
    },
    3,
    1,
  );
  console.info(
    `  simulate 4 candidates + bootstrap ${ms(simulate.median).padStart(9)} median (${ms(simulate.min)}–${ms(simulate.max)})`,
  );
  console.info(
    `  total                             ${ms(load.median + simulate.median).padStart(9)}`,
  );
}

export default async function simulationBench() {
  await onBenchDatabases(run, AS_OF);
}
