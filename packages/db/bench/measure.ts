/** Runs `fn` `runs` times after `warmup` runs and returns the median and spread in milliseconds. */
export async function measure(fn: () => Promise<unknown>, runs = 7, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  return { median, min: times[0]!, max: times[times.length - 1]!, runs };
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
