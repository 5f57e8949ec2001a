import type {
  contactChannel,
  customerEventType,
  gender,
  ledgerKind,
  ledgerUnit,
  salesChannel,
} from "../schema";

/**
 * Generated rows with explicit ids, one shape per table. Instants are epoch milliseconds so the
 * generator stays cheap at 10 million orders; loaders turn them into timestamps.
 */
export type Gender = (typeof gender.enumValues)[number];
export type ContactChannel = (typeof contactChannel.enumValues)[number];
export type SalesChannel = (typeof salesChannel.enumValues)[number];
export type CustomerEventType = (typeof customerEventType.enumValues)[number];

export type StoreRow = {
  id: number;
  code: string;
  name: string;
  city: string;
  region: string;
  timezone: string;
  openedAt: number;
};

export type CustomerRow = {
  id: number;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  birthDate: string;
  gender: Gender;
  city: string;
  region: string;
  preferredChannel: ContactChannel;
  consentEmail: boolean;
  consentSms: boolean;
  consentMessenger: boolean;
  consentPush: boolean;
  signedUpAt: number;
  homeStoreId: number;
};

export type OrderRow = {
  id: number;
  externalId: string;
  customerId: number;
  storeId: number;
  placedAt: number;
  subtotal: number;
  discount: number;
  total: number;
  currency: string;
  channel: SalesChannel;
};

export type OrderItemRow = {
  id: number;
  orderId: number;
  sku: string;
  name: string;
  category: string;
  quantity: number;
  unitPrice: number;
};

export type CustomerEventRow = {
  id: number;
  customerId: number;
  type: CustomerEventType;
  occurredAt: number;
  storeId: number | null;
  channel: ContactChannel | null;
  payload: Record<string, unknown>;
};

/** A customer's place in a demo program; `state` is the engine's state after their last order. */
export type EnrollmentRow = {
  id: number;
  programId: number;
  customerId: number;
  isControl: boolean;
  enrolledAt: number;
  tier: string | null;
  state: Record<string, unknown> | null;
};

/** One ledger entry the engine produced while replaying a member's orders. */
export type LedgerRow = {
  id: number;
  programId: number;
  customerId: number;
  kind: (typeof ledgerKind.enumValues)[number];
  unit: (typeof ledgerUnit.enumValues)[number];
  amount: number;
  orderId: number | null;
  lotId: string;
  effectiveAt: number;
  availableAt: number | null;
  expiresAt: number | null;
  idempotencyKey: string;
  note: string;
};

/** Everything generated for one customer, emitted together so loaders can stream. */
export type CustomerBundle = {
  customer: CustomerRow;
  orders: OrderRow[];
  items: OrderItemRow[];
  events: CustomerEventRow[];
  enrollments: EnrollmentRow[];
  ledger: LedgerRow[];
};
