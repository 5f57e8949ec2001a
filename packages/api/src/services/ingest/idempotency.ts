import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import { conflict } from "../../errors";

export type IdempotencyClaim = {
  operation: string;
  key: string;
  payload: unknown;
  apiKeyId: number | null;
};

/** JSON with object keys sorted, so the same payload always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export const requestHash = (payload: unknown): string =>
  createHash("sha256").update(canonicalJson(payload)).digest("hex");

/**
 * Where a key the sender chose (the Idempotency-Key header) is kept: per API key, so two systems
 * that happen to pick the same keys never get each other's answers, and apart from the keys given
 * by default (`order:<externalId>`, `refund:<externalId>`), so a header cannot take one of those.
 */
export const senderKey = (apiKeyId: number | null, header: string) =>
  `sent:${apiKeyId ?? "app"}:${header}`;

/** A key as its sender knows it, for messages. */
export const shownKey = (key: string) => key.replace(/^sent:[^:]+:/, "");

/**
 * Runs `work` once per (operation, key), inside the caller's transaction. The key row is inserted
 * first: a concurrent request with the same key waits on it and then sees the stored response, so
 * a retry never does the work twice. The same key with a different payload is a conflict.
 */
export async function idempotent<T extends Record<string, unknown>>(
  tx: Database,
  claim: IdempotencyClaim,
  work: () => Promise<T>,
): Promise<T> {
  return (await idempotentOutcome(tx, claim, work)).result;
}

/** As idempotent, saying whether the answer is the stored one of an earlier request (a replay). */
export async function idempotentOutcome<T extends Record<string, unknown>>(
  tx: Database,
  claim: IdempotencyClaim,
  work: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const hash = requestHash(claim.payload);
  const inserted = await queryRows<{ key: string }>(
    tx,
    sql`insert into idempotency_keys (operation, key, request_hash, response, api_key_id)
        values (${claim.operation}, ${claim.key}, ${hash}, '{}'::jsonb, ${claim.apiKeyId})
        on conflict (operation, key) do nothing
        returning key`,
  );
  if (inserted.length === 0) {
    const [previous] = await queryRows<{ request_hash: string; response: T }>(
      tx,
      sql`select request_hash, response from idempotency_keys where operation = ${claim.operation} and key = ${claim.key}`,
    );
    if (previous === undefined || previous.request_hash !== hash)
      throw conflict(
        `Idempotency key "${shownKey(claim.key)}" was already used with a different request.`,
      );
    return { result: previous.response, replayed: true };
  }
  const response = await work();
  await tx.execute(
    sql`update idempotency_keys set response = ${JSON.stringify(response)}::jsonb
        where operation = ${claim.operation} and key = ${claim.key}`,
  );
  return { result: response, replayed: false };
}
