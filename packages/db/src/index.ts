export * as schema from "./schema";
export * from "./schema";
export {
  createDb,
  defaultDataDir,
  type Database,
  type DbHandle,
  type CreateDbOptions,
} from "./client";
export { migrate } from "./migrate";
export { workspaceRoot } from "./workspace";
export * from "./queries";
export * from "./features";
export { scoreCustomerRfm } from "./features/rfm";
