/**
 * An order as the ingest API takes it, for tests: one line of coffee beans (sku A1) bought at the
 * MIL store, offline, in EUR, for `amount` minor units.
 */
export const testOrder = (
  externalId: string,
  customerId: string,
  placedAt: string,
  amount: number,
) => ({
  externalId,
  customerId,
  placedAt,
  currency: "EUR",
  channel: "offline" as const,
  storeCode: "MIL",
  items: [
    { sku: "A1", name: "Espresso beans", category: "coffee", quantity: 1, unitPrice: amount },
  ],
});
