import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

/** Statuses whose programs have run: drafts never did, archived ones are out of sight. */
export const MEASURED_STATUSES = ["active", "paused", "ended"] as const;

export type MeasuredProgram = {
  id: number;
  name: string;
  type: string;
  status: (typeof MEASURED_STATUSES)[number];
  controlShareBp: number;
  /** When the program went live: its activation, else its start date. */
  launchedAt: Date | null;
  /** Where the measurement stops: now, or the program's end if it has ended. */
  until: Date;
  /** Enrolled customers held out as control; 0 means the program has no control group to use. */
  controlCustomers: number;
  enrolledCustomers: number;
};

/** The programs that have run, with their enrolment counts, in one grouped query. */
export async function measuredPrograms(db: Database, now: Date): Promise<MeasuredProgram[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    type: string;
    status: MeasuredProgram["status"];
    control_share_bp: number;
    launched_at: string | Date | null;
    until: string | Date;
    control: number;
    enrolled: number;
  }>(
    db,
    sql`select p.id, p.name, p.type, p.status, p.control_share_bp,
          coalesce(p.activated_at, p.starts_at) as launched_at,
          least(${instant(now)}, coalesce(p.ended_at, 'infinity'), coalesce(p.ends_at, 'infinity')) as until,
          count(e.id) filter (where e.is_control)::int as control,
          count(e.id)::int as enrolled
        from programs p left join enrollments e on e.program_id = p.id
        where p.status in ('active', 'paused', 'ended')
        group by p.id order by p.type, p.name, p.id`,
  );
  const date = (v: string | Date) => (v instanceof Date ? v : new Date(v));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    status: r.status,
    controlShareBp: r.control_share_bp,
    launchedAt: r.launched_at === null ? null : date(r.launched_at),
    until: date(r.until),
    controlCustomers: r.control,
    enrolledCustomers: r.enrolled,
  }));
}
