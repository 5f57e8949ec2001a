import { sql } from "drizzle-orm";
import { queryRows } from "@boomerang/db";
import { csvResponse } from "../csv-stream";
import { exportAccess } from "../export-access";

type Row = {
  id: number;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  home_store: string | null;
  signed_up_at: string;
  consent_email: boolean;
  consent_sms: boolean;
  consent_messenger: boolean;
  consent_push: boolean;
  orders_count: number;
  revenue: number;
  last_order_at: string | null;
};

const PAGE = 5000;

export async function GET(): Promise<Response> {
  const access = await exportAccess();
  if (!access.ok) return access.response;
  const { db, storeScope } = access;
  const inStore = storeScope === null ? sql`true` : sql`c.home_store_id = ${storeScope}`;
  return csvResponse<Row>(
    "customers.csv",
    [
      "customer_id",
      "name",
      "email",
      "phone",
      "city",
      "home_store",
      "signed_up_at",
      "consent_email",
      "consent_sms",
      "consent_messenger",
      "consent_push",
      "orders",
      "revenue_minor",
      "last_order_at",
    ],
    (afterId) =>
      queryRows<Row>(
        db,
        sql`select c.id::int as id, c.external_id, c.name, c.email, c.phone, c.city, s.code as home_store,
                   to_char(c.signed_up_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as signed_up_at,
                   c.consent_email, c.consent_sms, c.consent_messenger, c.consent_push,
                   coalesce(f.orders_count, 0)::int as orders_count, coalesce(f.revenue, 0)::float8 as revenue,
                   to_char(f.last_order_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_order_at
            from customers c left join stores s on s.id = c.home_store_id left join customer_features f on f.customer_id = c.id
            where c.id > ${afterId} and ${inStore} order by c.id limit ${PAGE}`,
      ),
    (r) => [
      r.external_id,
      r.name,
      r.email,
      r.phone,
      r.city,
      r.home_store,
      r.signed_up_at,
      r.consent_email,
      r.consent_sms,
      r.consent_messenger,
      r.consent_push,
      r.orders_count,
      r.revenue,
      r.last_order_at,
    ],
  );
}
