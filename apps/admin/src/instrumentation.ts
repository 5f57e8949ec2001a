/** Opens the database and applies migrations once, when the server starts (not during build). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./server/db");
  const handle = await getDbHandle();
  console.info(`[boomerang] database ready (${handle.driver})`);
}
