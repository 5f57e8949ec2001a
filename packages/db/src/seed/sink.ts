import type { CustomerBundle } from "./rows";

export type SeedCounts = {
  stores: number;
  users: number;
  customers: number;
  orders: number;
  orderItems: number;
  customerEvents: number;
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

  add(bundle: CustomerBundle): void {
    this.customers.push(bundle.customer);
    for (const o of bundle.orders) this.orders.push(o);
    for (const i of bundle.items) this.items.push(i);
    for (const e of bundle.events) this.events.push(e);
  }

  get rows(): number {
    return this.customers.length + this.orders.length + this.items.length + this.events.length;
  }

  take(): BundleBuffer {
    const taken = new BundleBuffer();
    [taken.customers, taken.orders, taken.items, taken.events] = [
      this.customers,
      this.orders,
      this.items,
      this.events,
    ];
    [this.customers, this.orders, this.items, this.events] = [[], [], [], []];
    return taken;
  }
}
