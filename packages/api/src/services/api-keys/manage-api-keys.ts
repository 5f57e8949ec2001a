import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys, users, type Database } from "@boomerang/db";
import { z } from "zod";
import { notFound } from "../../errors";
import { recordAudit } from "../audit";
import { displayPrefix, generateSecret, hashSecret } from "./key-hash";
import { apiScope, type ApiScope } from "./scopes";

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name, e.g. the system that will use it.").max(100),
  scopes: z
    .array(apiScope)
    .min(1, "Choose at least one scope.")
    .transform((s) => [...new Set(s)]),
});

export type ApiKeySummary = {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Creates a key and returns its secret: the only time it is ever shown, only its hash is stored. */
export async function createApiKey(
  db: Database,
  actorId: number,
  raw: z.input<typeof createApiKeyInput>,
  now: Date,
) {
  const input = createApiKeyInput.parse(raw);
  const secret = generateSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: input.name,
        prefix: displayPrefix(secret),
        keyHash: hashSecret(secret),
        scopes: input.scopes,
        createdBy: actorId,
        createdAt: now,
      })
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    await recordAudit(tx as unknown as Database, {
      actorId,
      action: "api_key.created",
      entityType: "api_key",
      entityId: row!.id,
      changes: { name: input.name, scopes: input.scopes },
      at: now,
    });
    return { id: row!.id, name: input.name, prefix: row!.prefix, scopes: input.scopes, secret };
  });
}

export async function listApiKeys(db: Database): Promise<ApiKeySummary[]> {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdBy: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((r) => ({
    ...r,
    scopes: r.scopes.filter((s): s is ApiScope => apiScope.safeParse(s).success),
  }));
}

/** Revoking is immediate and final: the next request with the key gets a 401. */
export async function revokeApiKey(
  db: Database,
  actorId: number,
  id: number,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (revoked.length === 0) throw notFound(`An active API key ${id}`);
    await recordAudit(tx as unknown as Database, {
      actorId,
      action: "api_key.revoked",
      entityType: "api_key",
      entityId: id,
      at: now,
    });
  });
}
