import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleExpirySweep } from "./instrumentation";

describe("points expiry sweep schedule", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("sweeps a minute after start, then every interval", async () => {
    const sweep = vi.fn(async () => {});
    scheduleExpirySweep(60, sweep);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(sweep).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sweep).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(3);
  });

  it("keeps a very long interval within what timers can hold", async () => {
    const sweep = vi.fn(async () => {});
    scheduleExpirySweep(100_000, sweep);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(24 * 24 * 60 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it("never runs two sweeps at once and keeps going after a failure", async () => {
    let finish!: () => void;
    const calls: string[] = [];
    const sweep = vi.fn(async () => {
      calls.push("start");
      if (calls.length === 1) throw new Error("database unavailable");
      await new Promise<void>((resolve) => (finish = resolve));
      calls.push("end");
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    scheduleExpirySweep(0.5, sweep);
    // At 30 s the first run and the first interval both fire: the first fails, the second starts
    // and is still running through the next three ticks.
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(calls).toEqual(["start", "start"]);
    finish();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls.slice(0, 4)).toEqual(["start", "start", "end", "start"]);
    expect(quiet).toHaveBeenCalledTimes(1);
    quiet.mockRestore();
  });
});
