import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { queryRows } from "../queries/rows";
import { makeCustomer } from "../testing/factories";
import { openTestDb, testDrivers } from "../testing/test-db";
import { enrollments, programs } from "./programs";

/**
 * Migration 0021: members' states are compressed with lz4 where the server has it (PostgreSQL built
 * with lz4, as Debian's is), and stay on pglz where it does not (PGlite). Either way a large state
 * is stored out of line and reads back exactly.
 */
describe.each(testDrivers())("members' states compression on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "schema_state_compression");
  }, 60_000);
  afterAll(() => handle.close());

  it("uses lz4 exactly when the server offers it", async () => {
    const [row] = await queryRows<{ method: string; lz4: boolean }>(
      handle.db,
      sql`select a.attcompression::text as method,
                 exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as lz4
          from pg_attribute a where a.attrelid = 'enrollments'::regclass and a.attname = 'state'`,
    );
    expect(row!.method).toBe(row!.lz4 ? "l" : "");
    if (driver.name === "postgres") expect(row!.lz4).toBe(true);
  });

  it("stores a large state compressed and reads it back exactly", async () => {
    const customer = await makeCustomer(handle.db);
    const [program] = await handle.db
      .insert(programs)
      .values({ name: "Points", type: "points", status: "active" })
      .returning();
    const orders = Array.from({ length: 500 }, (_, i) => ({
      id: String(1000 + i),
      at: 1_738_000_000_000 + i * 60_000,
      net: 1000 + (i % 90) * 100,
      earned: 10 + (i % 9),
      lotId: String(1000 + i),
    }));
    const state = { customerId: String(customer.id), clock: orders.at(-1)!.at, orders };
    const [enrollment] = await handle.db
      .insert(enrollments)
      .values({
        programId: program!.id,
        customerId: customer.id,
        isControl: false,
        enrolledAt: new Date("2025-01-01T00:00:00Z"),
        state,
      })
      .returning();
    const [stored] = await queryRows<{ state: unknown; raw: number; stored: number }>(
      handle.db,
      sql`select state, octet_length(state::text) as raw, pg_column_size(state) as stored
          from enrollments where id = ${enrollment!.id}`,
    );
    expect(stored!.state).toEqual(state);
    // Compressed: the stored value is a fraction of its text.
    expect(stored!.stored).toBeLessThan(stored!.raw / 2);
  });
});
