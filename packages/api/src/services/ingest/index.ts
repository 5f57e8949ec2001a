export {
  customerBalance,
  type CustomerBalance,
  type ProgramBalance,
  type RewardOption,
} from "./balance";
export type { ProgramOutcome } from "./apply-event";
export type { IngestContext } from "./lookups";
export { postEvent, type PostEventResult } from "./post-event";
export { postOrder, postOrderOutcome, type PostOrderResult } from "./post-order";
export { postOrderBatch, postOrders, type OrderOutcome, type OrderRequest } from "./post-orders";
export { postRefund, postRefundOutcome, type PostRefundResult } from "./post-refund";
export { redeem, redeemOutcome, type RedeemResult } from "./redeem";
export { upsertCustomer, type UpsertCustomerResult } from "./upsert-customer";
export * from "./schemas";
export { expireDuePoints } from "./time-passes";
