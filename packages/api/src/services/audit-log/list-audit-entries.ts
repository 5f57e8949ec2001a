import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, users, type Database } from "@boomerang/db";
import { dayRangeToInstants, type DayRange } from "../period";
import { getBusinessProfile } from "../settings";

export type AuditFilters = {
  /** "program", "segment", "user", "import", "settings", …; null for all. */
  entityType: string | null;
  actorId: number | null;
  /** Matches the start of the action, so "user." finds every user change. */
  action: string | null;
  range: DayRange | null;
  /** First and last day (inclusive, in the business time zone) on their own; either may be open. */
  from?: string | null;
  to?: string | null;
  /** Entries older than this id (the last one of the previous page). */
  before: number | null;
  limit: number;
};

/** Newest first, filtered; one page at a time, continued with `before`. */
export async function listAuditEntries(db: Database, filters: AuditFilters) {
  const where: SQL[] = [];
  if (filters.entityType !== null) where.push(eq(auditLog.entityType, filters.entityType));
  if (filters.actorId !== null) where.push(eq(auditLog.actorId, filters.actorId));
  if (filters.action !== null)
    where.push(sql`${auditLog.action} like ${`${filters.action.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (filters.before !== null) where.push(lt(auditLog.id, filters.before));
  const from = filters.from ?? null;
  const to = filters.to ?? null;
  if (filters.range !== null || from !== null || to !== null) {
    const { timezone } = await getBusinessProfile(db);
    if (filters.range !== null) {
      const span = dayRangeToInstants(filters.range, timezone);
      where.push(gte(auditLog.at, span.from), lt(auditLog.at, span.to));
    }
    if (from !== null)
      where.push(gte(auditLog.at, dayRangeToInstants({ from, to: from }, timezone).from));
    if (to !== null) where.push(lt(auditLog.at, dayRangeToInstants({ from: to, to }, timezone).to));
  }
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      changes: auditLog.changes,
      actorId: auditLog.actorId,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  return {
    entries: page,
    nextBefore: rows.length > filters.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** The entity types and the people that appear in the log, for the filter pickers. */
export async function auditFilterOptions(db: Database) {
  const [entityTypes, actors] = await Promise.all([
    db
      .selectDistinct({ entityType: auditLog.entityType })
      .from(auditLog)
      .orderBy(auditLog.entityType),
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .orderBy(users.name),
  ]);
  return { entityTypes: entityTypes.map((e) => e.entityType), actors };
}
