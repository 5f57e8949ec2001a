import { and, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys, type Database } from "@boomerang/db";
import { AppError, forbidden } from "../../errors";
import { hashSecret } from "./key-hash";
import type { ApiScope } from "./scopes";

export type ApiCaller = { keyId: number; scopes: readonly string[] };

// last_used_at is for people ("used 2 minutes ago"): writing it at most once a minute keeps a busy
// key from turning every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The key behind an `Authorization: Bearer <key>` header; unknown or revoked keys are refused. */
export async function authenticateApiKey(
  db: Database,
  authorization: string | null,
  now: Date,
): Promise<ApiCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (match === null)
    throw new AppError("unauthenticated", "Send an API key as 'Authorization: Bearer <key>'.");
  const [key] = await db
    .select({
      id: apiKeys.id,
      scopes: apiKeys.scopes,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashSecret(match[1]!)));
  if (key === undefined) throw new AppError("unauthenticated", "This API key is not valid.");
  if (key.revokedAt !== null) throw new AppError("unauthenticated", "This API key was revoked.");
  // Most requests of a busy key find it used a moment ago: no write, no second round trip.
  if (key.lastUsedAt !== null && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS)
    return { keyId: key.id, scopes: key.scopes };
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
        ),
      ),
    );
  return { keyId: key.id, scopes: key.scopes };
}

export function requireScope(caller: ApiCaller, scope: ApiScope): void {
  if (!caller.scopes.includes(scope)) throw forbidden(`This API key lacks the "${scope}" scope.`);
}
