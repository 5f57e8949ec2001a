import bcrypt from "bcryptjs";
import type { NewUser } from "../schema";
import { demoStores } from "./catalog";
import { demoLogins } from "./demo-users";

const BCRYPT_COST = 10;

/** The demo logins as user rows with explicit ids (1..n) and bcrypt hashes. */
export async function demoUserRows(createdAt: Date): Promise<NewUser[]> {
  return Promise.all(
    demoLogins.map(async (login, i) => {
      const store = login.storeCode
        ? demoStores.find((s) => s.code === login.storeCode)
        : undefined;
      if (login.storeCode && !store)
        throw new Error(`Demo login ${login.email} names unknown store ${login.storeCode}`);
      return {
        id: i + 1,
        email: login.email,
        name: login.name,
        passwordHash: await bcrypt.hash(login.password, BCRYPT_COST),
        role: login.role,
        storeId: store?.id ?? null,
        createdAt,
      };
    }),
  );
}
