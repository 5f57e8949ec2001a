import { customerExportPage, resolveCustomerSearch, type CustomerExportRow } from "@boomerang/db";
import {
  customerFiltersFromSearch,
  toCustomerFilters,
} from "@boomerang/api/services/customers/customer-input";
import { customerScope } from "@boomerang/api/services/customers/customer-scope";
import { csvResponse } from "../csv-stream";
import { exportAccess } from "../export-access";

const PAGE = 5000;

/**
 * Customers as CSV, streamed by id. The query string takes the customers list's filters (q, store,
 * rfm, channel, consent, activity), so "Export" on the list gives exactly the filtered customers;
 * store managers get their own home customers only, and another store's filter is refused.
 */
export async function GET(request: Request): Promise<Response> {
  const access = await exportAccess();
  if (!access.ok) return access.response;
  const { db, storeScope } = access;
  const parsed = customerFiltersFromSearch(new URL(request.url).searchParams);
  if (!parsed.success)
    return Response.json(
      { error: { message: parsed.error.issues.map((i) => i.message).join(" ") } },
      { status: 400 },
    );
  const requestedStore = parsed.data.storeId ?? null;
  if (storeScope !== null && requestedStore !== null && requestedStore !== storeScope)
    return Response.json(
      { error: { message: "Store managers can only export their own store's customers." } },
      { status: 403 },
    );
  const filters = await resolveCustomerSearch(
    db,
    toCustomerFilters(parsed.data, storeScope ?? requestedStore),
  );
  const scope = await customerScope(db, storeScope, new Date());
  return csvResponse<CustomerExportRow>(
    "customers.csv",
    [
      "customer_id",
      "name",
      "email",
      "phone",
      "city",
      "home_store",
      "signed_up_at",
      "preferred_channel",
      "consent_email",
      "consent_sms",
      "consent_messenger",
      "consent_push",
      "orders",
      "revenue_minor",
      "last_order_at",
      "rfm_group",
      "expected_revenue_12m_minor",
    ],
    (afterId) => customerExportPage(db, filters, scope, afterId, PAGE),
    (r) => [
      r.external_id,
      r.name,
      r.email,
      r.phone,
      r.city,
      r.home_store,
      r.signed_up_at,
      r.preferred_channel,
      r.consent_email,
      r.consent_sms,
      r.consent_messenger,
      r.consent_push,
      r.orders_count,
      r.revenue,
      r.last_order_at,
      r.rfm_group,
      r.expected_revenue_12m,
    ],
  );
}
