export {
  seedDemo,
  SeedRefusedError,
  DEMO_BUSINESS_NAME,
  type SeedOptions,
  type SeedSummary,
} from "./seed-demo";
export { demoLogins, DEMO_PASSWORD, type DemoLogin } from "./demo-users";
export { generateCustomers, storeRows, type GenerateOptions } from "./generator";
export { hasBusinessSettings, hasData } from "./database-state";
export { isLocalDatabaseUrl } from "./local-url";
export type { SeedCounts, SeedProgress } from "./sink";
export type { CustomerBundle } from "./rows";
