import type { OrderHistory } from "./history";

export interface TestOrder {
  readonly id: string;
  readonly at: number;
  readonly amount: number;
}

/** Builds the column history from customers' orders (already in time order): for tests and benches. */
export const historyOf = (
  customers: readonly { readonly id: string; readonly orders: readonly TestOrder[] }[],
): OrderHistory => {
  const offsets = [0];
  const orderIds: string[] = [];
  const at: number[] = [];
  const amount: number[] = [];
  for (const customer of customers) {
    for (const order of customer.orders) {
      orderIds.push(order.id);
      at.push(order.at);
      amount.push(order.amount);
    }
    offsets.push(orderIds.length);
  }
  return {
    customerIds: customers.map((c) => c.id),
    offsets,
    orderIds,
    at,
    amount,
    storeIds: orderIds.map(() => null),
    channels: orderIds.map(() => null),
  };
};
