import type { Database } from "@boomerang/db";
import { createContext } from "../context";
import { createCaller } from "../root";

/** Calls procedures as a given user (or signed out), through the same middleware as HTTP. */
export async function callerFor(
  db: Database,
  userId: number | null,
  now = new Date("2025-07-01T12:00:00Z"),
) {
  return createCaller(await createContext({ db, sessionUserId: userId, now }));
}
