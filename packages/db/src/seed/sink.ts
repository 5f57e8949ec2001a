import type { CustomerBundle } from "./rows";

export type SeedCounts = {
  stores: number;
  users: number;
  customers: number;
  orders: number;
  orderItems: number;
  customerEvents: number;
  programs: number;
  enrollments: number;
  ledgerEntries: number;
};

export type SeedProgress = (line: string) => void;

/** Where generated customers go: batched inserts (PGlite, small loads) or COPY (PostgreSQL). */
export interface RowSink {
  write(bundle: CustomerBundle): Promise<void>;
  /** Flushes what is buffered; resolves once everything written is in the database. */
  finish(): Promise<void>;
}

/** Buffers bundles until `limit` rows are pending, then hands them over as one batch. */
export class BundleBuffer {
  customers: CustomerBundle["customer"][] = [];
  orders: CustomerBundle["orders"] = [];
  items: CustomerBundle["items"] = [];
  events: CustomerBundle["events"] = [];
  enrollments: CustomerBundle["enrollments"] = [];
  ledger: CustomerBundle["ledger"] = [];

  add(bundle: CustomerBundle): void {
    this.customers.push(bundle.customer);
    for (const o of bundle.orders) this.orders.push(o);
    for (const i of bundle.items) this.items.push(i);
    for (const e of bundle.events) this.events.push(e);
    for (const e of bundle.enrollments) this.enrollments.push(e);
    for (const l of bundle.ledger) this.ledger.push(l);
  }

  get rows(): number {
    return (
      this.customers.length +
      this.orders.length +
      this.items.length +
      this.events.length +
      this.enrollments.length +
      this.ledger.length
    );
  }

  take(): BundleBuffer {
    const taken = new BundleBuffer();
    [taken.customers, taken.orders, taken.items, taken.events, taken.enrollments, taken.ledger] = [
      this.customers,
      this.orders,
      this.items,
      this.events,
      this.enrollments,
      this.ledger,
    ];
    [this.customers, this.orders, this.items, this.events, this.enrollments, this.ledger] = [
      [],
      [],
      [],
      [],
      [],
      [],
    ];
    return taken;
  }
}
