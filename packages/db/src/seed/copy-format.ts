import type {
  CustomerEventRow,
  CustomerRow,
  EnrollmentRow,
  LedgerRow,
  OrderItemRow,
  OrderRow,
} from "./rows";

/**
 * PostgreSQL COPY text format: one line per row, tab-separated, \N for null. Column lists are
 * explicit so created_at/updated_at can carry generated instants instead of the load time.
 */
type Cell = string | number | boolean | null;

// Backslash, tab, newline and carriage return are the only characters COPY text treats specially.
const escape = (value: string): string =>
  /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;

const cell = (value: Cell): string =>
  value === null
    ? "\\N"
    : typeof value === "string"
      ? escape(value)
      : typeof value === "boolean"
        ? value
          ? "t"
          : "f"
        : String(value);

const iso = (ms: number): string => new Date(ms).toISOString();

export type CopyTable<Row> = {
  table: string;
  columns: readonly string[];
  line: (row: Row) => string;
};

const copyTable = <Row>(
  table: string,
  columns: readonly string[],
  values: (row: Row) => Cell[],
): CopyTable<Row> => ({
  table,
  columns,
  line: (row) => values(row).map(cell).join("\t") + "\n",
});

export const customersCopy = copyTable<CustomerRow>(
  "customers",
  [
    "id",
    "external_id",
    "name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "city",
    "region",
    "preferred_channel",
    "consent_email",
    "consent_sms",
    "consent_messenger",
    "consent_push",
    "signed_up_at",
    "home_store_id",
    "created_at",
    "updated_at",
  ],
  (c) => [
    c.id,
    c.externalId,
    c.name,
    c.email,
    c.phone,
    c.birthDate,
    c.gender,
    c.city,
    c.region,
    c.preferredChannel,
    c.consentEmail,
    c.consentSms,
    c.consentMessenger,
    c.consentPush,
    iso(c.signedUpAt),
    c.homeStoreId,
    iso(c.signedUpAt),
    iso(c.signedUpAt),
  ],
);

export const ordersCopy = copyTable<OrderRow>(
  "orders",
  [
    "id",
    "external_id",
    "customer_id",
    "store_id",
    "placed_at",
    "subtotal",
    "discount",
    "total",
    "currency",
    "channel",
    "created_at",
  ],
  (o) => [
    o.id,
    o.externalId,
    o.customerId,
    o.storeId,
    iso(o.placedAt),
    o.subtotal,
    o.discount,
    o.total,
    o.currency,
    o.channel,
    iso(o.placedAt),
  ],
);

export const orderItemsCopy = copyTable<OrderItemRow>(
  "order_items",
  ["id", "order_id", "sku", "name", "category", "quantity", "unit_price"],
  (i) => [i.id, i.orderId, i.sku, i.name, i.category, i.quantity, i.unitPrice],
);

export const customerEventsCopy = copyTable<CustomerEventRow>(
  "customer_events",
  ["id", "customer_id", "type", "occurred_at", "store_id", "channel", "payload"],
  (e) => [
    e.id,
    e.customerId,
    e.type,
    iso(e.occurredAt),
    e.storeId,
    e.channel,
    JSON.stringify(e.payload),
  ],
);

export const enrollmentsCopy = copyTable<EnrollmentRow>(
  "enrollments",
  ["id", "program_id", "customer_id", "is_control", "enrolled_at", "tier", "state"],
  (e) => [
    e.id,
    e.programId,
    e.customerId,
    e.isControl,
    iso(e.enrolledAt),
    e.tier,
    e.state === null ? null : JSON.stringify(e.state),
  ],
);

export const ledgerEntriesCopy = copyTable<LedgerRow>(
  "ledger_entries",
  [
    "id",
    "program_id",
    "customer_id",
    "kind",
    "unit",
    "amount",
    "order_id",
    "lot_id",
    "effective_at",
    "available_at",
    "expires_at",
    "idempotency_key",
    "note",
    "created_at",
  ],
  (l) => [
    l.id,
    l.programId,
    l.customerId,
    l.kind,
    l.unit,
    l.amount,
    l.orderId,
    l.lotId,
    iso(l.effectiveAt),
    l.availableAt === null ? null : iso(l.availableAt),
    l.expiresAt === null ? null : iso(l.expiresAt),
    l.idempotencyKey,
    l.note,
    iso(l.effectiveAt),
  ],
);
