/**
 * Opens the database and applies migrations once, when the server starts (not during build), then
 * lets time pass for lapsed members a minute after start and then every
 * BOOMERANG_EXPIRY_SWEEP_MINUTES (default 60; 0 turns it off): points due to expire get their ledger
 * entries even when their owners never come back.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./server/db");
  const handle = await getDbHandle();
  console.info(`[boomerang] database ready (${handle.driver})`);

  const minutes = Number(process.env.BOOMERANG_EXPIRY_SWEEP_MINUTES ?? "60");
  if (!Number.isFinite(minutes) || minutes <= 0) return;
  const { expireDuePoints } = await import("@boomerang/api/services/ingest/time-passes");
  scheduleExpirySweep(minutes, async () => {
    const { members } = await expireDuePoints(handle.db, new Date());
    if (members > 0) console.info(`[boomerang] expired the due points of ${members} members`);
  });
}

/**
 * Runs `sweep` a minute after start (or sooner with a shorter interval), so a server restarted more
 * often than the interval still sweeps, then every `minutes`; never two at once, and a failure waits
 * for the next run. The timers do not keep the process alive.
 */
export function scheduleExpirySweep(minutes: number, sweep: () => Promise<void>): void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await sweep();
    } catch (error) {
      console.error("[boomerang] points expiry sweep failed; it runs again next time", error);
    } finally {
      running = false;
    }
  };
  // Node's timers hold at most ~24.8 days (a longer delay fires every millisecond): 24 days at most.
  const every = Math.min(minutes, 24 * 24 * 60);
  setTimeout(() => void run(), Math.min(every, 1) * 60_000).unref();
  setInterval(() => void run(), every * 60_000).unref();
}
