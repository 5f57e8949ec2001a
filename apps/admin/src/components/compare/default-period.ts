/** The last 12 months ending yesterday, as calendar days, from today's date in the business zone. */
export function lastTwelveMonths(today: string): { from: string; to: string } {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const yesterday = new Date(Date.UTC(y, m - 1, d - 1));
  const from = new Date(
    Date.UTC(yesterday.getUTCFullYear() - 1, yesterday.getUTCMonth(), yesterday.getUTCDate() + 1),
  );
  return { from: from.toISOString().slice(0, 10), to: yesterday.toISOString().slice(0, 10) };
}
