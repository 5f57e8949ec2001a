import { eq } from "drizzle-orm";
import { customers, orders, stores, type Database } from "@boomerang/db";
import { invalid, notFound } from "../../errors";

/** Who is calling and when: the API key (null from the app itself) and the clock. */
export type IngestContext = { db: Database; now: Date; apiKeyId: number | null };

export async function customerByExternalId(tx: Database, externalId: string, lock = false) {
  const query = tx
    .select({ id: customers.id, externalId: customers.externalId })
    .from(customers)
    .where(eq(customers.externalId, externalId));
  const [row] = lock ? await query.for("update") : await query;
  if (row === undefined) throw notFound(`Customer "${externalId}"`);
  return row;
}

export async function orderByExternalId(tx: Database, externalId: string) {
  const [row] = await tx.select().from(orders).where(eq(orders.externalId, externalId));
  if (row === undefined) throw notFound(`Order "${externalId}"`);
  return row;
}

/** A store given by code; an unknown code is bad input (the caller named it), not a missing resource. */
export async function storeIdByCode(
  tx: Database,
  code: string | null | undefined,
): Promise<number | null> {
  if (code === null || code === undefined) return null;
  const [row] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.code, code));
  if (row === undefined) throw invalid(`storeCode: there is no store with code "${code}".`);
  return row.id;
}
