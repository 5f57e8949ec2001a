import { sql } from "drizzle-orm";
import { queryRows } from "@boomerang/db";
import { csvResponse } from "../csv-stream";
import { exportAccess } from "../export-access";

type Row = {
  id: number;
  program: string;
  customer_id: string;
  kind: string;
  unit: string;
  amount: number;
  order_id: string | null;
  corrects_entry_id: number | null;
  lot_id: string | null;
  effective_at: string;
  available_at: string | null;
  expires_at: string | null;
  note: string | null;
};

const PAGE = 5000;
const utc = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export async function GET(): Promise<Response> {
  const access = await exportAccess();
  if (!access.ok) return access.response;
  const { db, storeScope } = access;
  const inStore = storeScope === null ? sql`true` : sql`c.home_store_id = ${storeScope}`;
  return csvResponse<Row>(
    "ledger.csv",
    [
      "entry_id",
      "program",
      "customer_id",
      "kind",
      "unit",
      "amount",
      "order_id",
      "corrects_entry_id",
      "lot_id",
      "effective_at",
      "available_at",
      "expires_at",
      "note",
    ],
    (afterId) =>
      queryRows<Row>(
        db,
        sql`select l.id::float8 as id, p.name as program, c.external_id as customer_id, l.kind::text as kind, l.unit::text as unit,
                   l.amount::float8 as amount, o.external_id as order_id, l.corrects_entry_id::float8 as corrects_entry_id, l.lot_id,
                   ${utc("l.effective_at")} as effective_at, ${utc("l.available_at")} as available_at, ${utc("l.expires_at")} as expires_at, l.note
            from ledger_entries l join programs p on p.id = l.program_id join customers c on c.id = l.customer_id
            left join orders o on o.id = l.order_id
            where l.id > ${afterId} and ${inStore} order by l.id limit ${PAGE}`,
      ),
    (r) => [
      r.id,
      r.program,
      r.customer_id,
      r.kind,
      r.unit,
      r.amount,
      r.order_id,
      r.corrects_entry_id,
      r.lot_id,
      r.effective_at,
      r.available_at,
      r.expires_at,
      r.note,
    ],
  );
}
