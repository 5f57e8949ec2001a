import type { UserRole } from "../schema";

export type DemoLogin = {
  email: string;
  role: UserRole;
  name: string;
  /** Store code for store managers, null for everyone else. */
  storeCode: string | null;
  password: string;
};

export const DEMO_PASSWORD = "demo1234";

/**
 * One sign-in per role for the demo. The login page shows these only when business_settings says
 * demo data is loaded; e2e tests sign in with them. Importing this file pulls in no database code.
 */
export const demoLogins: readonly DemoLogin[] = [
  {
    email: "admin@boomerang.demo",
    role: "admin",
    name: "Alessandra Admin",
    storeCode: null,
    password: DEMO_PASSWORD,
  },
  {
    email: "marketer@boomerang.demo",
    role: "marketer",
    name: "Marco Marketing",
    storeCode: null,
    password: DEMO_PASSWORD,
  },
  {
    email: "analyst@boomerang.demo",
    role: "analyst",
    name: "Anna Analyst",
    storeCode: null,
    password: DEMO_PASSWORD,
  },
  {
    email: "manager.milano@boomerang.demo",
    role: "store_manager",
    name: "Matteo Manager",
    storeCode: "MIL01",
    password: DEMO_PASSWORD,
  },
  {
    email: "manager.roma@boomerang.demo",
    role: "store_manager",
    name: "Rita Manager",
    storeCode: "ROM01",
    password: DEMO_PASSWORD,
  },
];
