import bcrypt from "bcryptjs";
import type { Database } from "../client";
import {
  businessSettings,
  customers,
  orders,
  stores,
  users,
  type NewCustomer,
  type NewOrder,
} from "../schema";

let counter = 0;
const next = () => ++counter;

/** Small builders for hand-made test data; every field a test does not care about gets a default. */
export async function makeStore(db: Database, values: Partial<typeof stores.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(stores)
    .values({
      code: `S${n}`,
      name: `Store ${n}`,
      city: "Milano",
      region: "Lombardia",
      openedAt: new Date("2020-01-01T00:00:00Z"),
      ...values,
    })
    .returning();
  return row!;
}

export async function makeCustomer(db: Database, values: Partial<NewCustomer> = {}) {
  const n = next();
  const [row] = await db
    .insert(customers)
    .values({
      externalId: `C${n}`,
      name: `Customer ${n}`,
      signedUpAt: new Date("2024-01-01T00:00:00Z"),
      ...values,
    })
    .returning();
  return row!;
}

export async function makeOrder(
  db: Database,
  values: Pick<NewOrder, "customerId" | "placedAt"> & Partial<NewOrder> & { total?: number },
) {
  const n = next();
  const total = values.total ?? 1000;
  const discount = values.discount ?? 0;
  const [row] = await db
    .insert(orders)
    .values({
      externalId: `O${n}`,
      currency: "EUR",
      channel: "offline",
      subtotal: total + discount,
      discount,
      ...values,
      total,
    })
    .returning();
  return row!;
}

export const TEST_PASSWORD = "correct horse battery";
// Cost 4 keeps tests fast; production hashes use a real cost.
const hash = bcrypt.hashSync(TEST_PASSWORD, 4);

export async function makeUser(
  db: Database,
  values: Partial<typeof users.$inferInsert> & Pick<typeof users.$inferInsert, "role">,
) {
  const n = next();
  const [row] = await db
    .insert(users)
    .values({ email: `user${n}@example.test`, name: `User ${n}`, passwordHash: hash, ...values })
    .returning();
  return row!;
}

export async function makeBusiness(
  db: Database,
  values: Partial<typeof businessSettings.$inferInsert> = {},
) {
  await db
    .insert(businessSettings)
    .values({ businessName: "Test Shop", timezone: "UTC", ...values });
}
