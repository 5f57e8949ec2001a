import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { hashSecret } from "../services/api-keys/key-hash";
import { callerFor } from "../test/caller";

describe.each(testDrivers())("data and API keys procedures on $name", (driver) => {
  let handle: DbHandle;
  const ids = { admin: 0, marketer: 0, analyst: 0, manager: 0 };
  beforeAll(async () => {
    handle = await openTestDb(driver, "data_router");
    await makeBusiness(handle.db, { currency: "EUR" });
    const store = await makeStore(handle.db, { code: "MIL" });
    ids.admin = (await makeUser(handle.db, { role: "admin" })).id;
    ids.marketer = (await makeUser(handle.db, { role: "marketer" })).id;
    ids.analyst = (await makeUser(handle.db, { role: "analyst" })).id;
    ids.manager = (await makeUser(handle.db, { role: "store_manager", storeId: store.id })).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("an admin creates a key: the secret is shown once and only its SHA-256 is stored", async () => {
    const api = await callerFor(handle.db, ids.admin);
    const created = await api.apiKeys.create({
      name: "Till system",
      scopes: ["orders:write", "orders:write", "rewards:read"],
    });
    expect(created.secret).toMatch(/^bmr_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(["orders:write", "rewards:read"]);
    const rows = await handle.db.select().from(apiKeys);
    expect(rows.map((r) => r.keyHash)).toEqual([hashSecret(created.secret)]);
    expect(JSON.stringify(await api.apiKeys.list())).not.toContain(created.secret);
    await api.apiKeys.revoke({ id: created.id });
    expect((await api.apiKeys.list())[0]?.revokedAt).not.toBeNull();
    await expect(api.apiKeys.revoke({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [audit] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from audit_log where entity_type = 'api_key'`,
    );
    expect(audit?.n).toBe(2);
  });

  it("only admins manage keys; only marketers and admins import", async () => {
    for (const role of ["marketer", "analyst", "manager"] as const) {
      const api = await callerFor(handle.db, ids[role]);
      await expect(api.apiKeys.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect((await callerFor(handle.db, ids.marketer)).data.imports()).resolves.toEqual([]);
    for (const role of ["analyst", "manager"] as const)
      await expect((await callerFor(handle.db, ids[role])).data.imports()).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    await expect((await callerFor(handle.db, null)).data.imports()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("previews how the file's dates read: the order its dates show, or the one chosen", async () => {
    // Late in 2025, so every date of these files is in the past.
    const api = await callerFor(handle.db, ids.marketer, new Date("2025-12-31T12:00:00Z"));
    const rows = Array.from(
      { length: 40 },
      (_, i) => `C-${i},Anna,0${1 + (i % 9)}/0${1 + (i % 9)}/2025`,
    );
    // Only the 31st row (past the ten shown) says the file is month first.
    rows[30] = "C-30,Anna,06/30/2025";
    const sample = ["customer_id,name,signup_date", ...rows].join("\n");
    const preview = await api.data.preview({ kind: "customers", sample });
    expect(preview.rows).toHaveLength(10);
    expect(preview.dates).toEqual({
      detected: "month-first",
      used: "month-first",
      example: { field: "Signed up", text: "01/01/2025", day: "2025-01-01" },
    });
    expect(preview.errors).toEqual([]);
    // Chosen the other way round: read so, the first rows' problems say so.
    const dayFirst = await api.data.preview({
      kind: "customers",
      sample: ["customer_id,name,signup_date", "C-1,Anna,06/07/2025", "C-2,Bo,06/30/2025"].join(
        "\n",
      ),
      dateOrder: "day-first",
    });
    expect(dayFirst.dates).toEqual({
      detected: "month-first",
      used: "day-first",
      example: { field: "Signed up", text: "06/07/2025", day: "2025-07-06" },
    });
    expect(dayFirst.errors).toEqual([
      {
        line: 3,
        column: "Signed up",
        message: expect.stringContaining('choose "Month first" for its dates'),
      },
    ]);
    // The first date does not read that way round: said, not skipped.
    const unread = await api.data.preview({
      kind: "customers",
      sample: "customer_id,name,signup_date\nC-1,Bo,06/30/2025\n",
      dateOrder: "day-first",
    });
    expect(unread.dates.example).toEqual({ field: "Signed up", text: "06/30/2025", day: null });
    // Dates that do not say: the business's locale decides (this one writes 30/06/2025).
    const unclear = await api.data.preview({
      kind: "customers",
      sample: "customer_id,name,signup_date\nC-1,Anna,06/07/2025\n",
    });
    expect(unclear.dates).toMatchObject({ detected: null, used: "day-first" });
  });

  it("refuses a key without a name or scopes with a clear message", async () => {
    const api = await callerFor(handle.db, ids.admin);
    await expect(api.apiKeys.create({ name: " ", scopes: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Give the key a name/),
    });
  });

  it("previews a file: guesses the mapping from the header and reports problems of the first rows", async () => {
    const api = await callerFor(handle.db, ids.marketer);
    const preview = await api.data.preview({
      kind: "customers",
      sample: "Customer ID,Full name,E-mail\nC-1,Anna,anna@example.test\nC-2,,not-an-email\n",
    });
    expect(preview.guessedMapping).toMatchObject({ externalId: 0, name: 1, email: 2, phone: null });
    expect(preview.rows).toHaveLength(2);
    expect(preview.errors).toEqual([
      { line: 3, column: "Name", message: "is required" },
      { line: 3, column: "Email", message: '"not-an-email" is not an email address' },
    ]);
  });
});
