import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  enrollments,
  ledgerEntries,
  programVersions,
  segments,
  type DbHandle,
} from "@boomerang/db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { stratifiedControl } from "@boomerang/domain/programs";
import { callerFor } from "../test/caller";

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; fieldErrors?: unknown }> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { code: "NOT_A_TRPC_ERROR", message: String(error) };
    const details = (error.cause as { details?: { fieldErrors?: unknown } } | undefined)?.details;
    return { code: error.code, message: error.message, fieldErrors: details?.fieldErrors };
  }
}
const codeOf = async (promise: Promise<unknown>) => (await failure(promise)).code;

const stampCard = (overrides: Record<string, unknown> = {}) => ({
  name: "Coffee stamps",
  type: "stamp-card",
  config: { stampsRequired: 8, categories: ["coffee"] },
  segmentId: null,
  targetStoreIds: [] as number[],
  channels: ["online", "offline"] as ("online" | "offline")[],
  startsAt: null,
  endsAt: null,
  budgetCap: null,
  controlShareBp: 1000,
  messages: [
    { trigger: "welcome" as const, channel: "email" as const, text: "Welcome to the card!" },
  ],
  ...overrides,
});

describe.each(testDrivers())("programs procedures on $name", (driver) => {
  let handle: DbHandle;
  let ids: {
    milano: number;
    roma: number;
    admin: number;
    marketer: number;
    analyst: number;
    manager: number;
  };
  const milanese: number[] = [];
  const romans: number[] = [];

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_programs");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    for (let i = 0; i < 30; i++)
      milanese.push((await makeCustomer(db, { homeStoreId: milano })).id);
    for (let i = 0; i < 10; i++) romans.push((await makeCustomer(db, { homeStoreId: roma })).id);
    ids = {
      milano,
      roma,
      admin: (await makeUser(db, { role: "admin" })).id,
      marketer: (await makeUser(db, { role: "marketer" })).id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  const as = (user: number | null) => callerFor(handle.db, user);
  const audits = (id: number) =>
    handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "program"), eq(auditLog.entityId, String(id))))
      .orderBy(auditLog.id);

  it("lets marketers and admins create drafts, and refuses analysts, store managers and the signed out", async () => {
    for (const user of [ids.marketer, ids.admin]) {
      const created = await (await as(user)).programs.create(stampCard());
      expect(created.revision).toBe(1);
    }
    expect(await codeOf((await as(ids.analyst)).programs.create(stampCard()))).toBe("FORBIDDEN");
    expect(await codeOf((await as(ids.manager)).programs.create(stampCard()))).toBe("FORBIDDEN");
    expect(await codeOf((await as(null)).programs.create(stampCard()))).toBe("UNAUTHORIZED");
  });

  it("stores the type's defaults with the draft and records who created it", async () => {
    const { id } = await (await as(ids.marketer)).programs.create(stampCard({ name: "Defaults" }));
    const detail = await (await as(ids.analyst)).programs.get({ id });
    expect(detail.program.status).toBe("draft");
    expect(detail.program.config).toMatchObject({
      stampsRequired: 8,
      rewardName: "Free drink",
      countBy: "item",
    });
    expect(detail.summary).toContain("8");
    const [entry] = await audits(id);
    expect(entry).toMatchObject({ action: "program.created", actorId: ids.marketer });
  });

  it("refuses an invalid configuration with a message per field", async () => {
    const api = await as(ids.marketer);
    const bad = await failure(api.programs.create(stampCard({ config: { stampsRequired: 0 } })));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fieldErrors).toHaveProperty(["config.stampsRequired"]);
    expect(await codeOf(api.programs.create(stampCard({ type: "lottery" })))).toBe("BAD_REQUEST");
    const noName = await failure(api.programs.create(stampCard({ name: "  " })));
    expect(noName.message).toContain("Give the program a name.");
    const backwards = await failure(
      api.programs.create(
        stampCard({
          startsAt: new Date("2025-08-01T00:00:00Z"),
          endsAt: new Date("2025-07-01T00:00:00Z"),
        }),
      ),
    );
    expect(backwards.message).toContain("The end must be after the start.");
    expect(
      (await failure(api.programs.create(stampCard({ controlShareBp: 6000 })))).message,
    ).toContain("at most 50%");
    expect(await codeOf(api.programs.create(stampCard({ segmentId: 999 })))).toBe("BAD_REQUEST");
  });

  it("refuses the second of two saves made on the same revision, with a clear message", async () => {
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(stampCard({ name: "Contested" }));
    const first = await api.programs.update({
      id,
      revision: 1,
      program: stampCard({ name: "Contested", config: { stampsRequired: 10 } }),
    });
    expect(first.revision).toBe(2);
    const second = await failure(
      (await as(ids.admin)).programs.update({
        id,
        revision: 1,
        program: stampCard({ name: "Contested", config: { stampsRequired: 5 } }),
      }),
    );
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toContain("Someone else saved");
    const detail = await api.programs.get({ id });
    expect(detail.program.config).toMatchObject({ stampsRequired: 10 });
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
    const updated = (await audits(id)).find((a) => a.action === "program.updated");
    expect(updated?.changes).toMatchObject({
      fields: { config: { from: { stampsRequired: 8 }, to: { stampsRequired: 10 } } },
    });
  });

  it("walks draft → active → paused → active → ended → archived, refusing every other move", async () => {
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(stampCard({ name: "Lifecycle" }));
    let revision = 1;
    const move = async (action: "activate" | "pause" | "resume" | "end" | "archive") => {
      const result = await api.programs.transition({ id, revision, action });
      revision = result.revision;
      return result;
    };
    const refused = async (action: "activate" | "pause" | "resume" | "end" | "archive") =>
      failure(api.programs.transition({ id, revision, action }));

    for (const action of ["pause", "resume", "end", "archive"] as const)
      expect((await refused(action)).code).toBe("CONFLICT");
    expect((await move("activate")).status).toBe("active");
    for (const action of ["activate", "resume", "archive"] as const)
      expect((await refused(action)).code).toBe("CONFLICT");
    expect((await move("pause")).status).toBe("paused");
    for (const action of ["activate", "pause", "archive"] as const)
      expect((await refused(action)).code).toBe("CONFLICT");
    expect((await move("resume")).status).toBe("active");
    expect((await move("end")).status).toBe("ended");
    for (const action of ["activate", "pause", "resume", "end"] as const)
      expect((await refused(action)).code).toBe("CONFLICT");
    expect((await refused("resume")).message).toContain("only a paused program can be resumed");
    expect((await move("archive")).status).toBe("archived");
    for (const action of ["activate", "pause", "resume", "end", "archive"] as const)
      expect((await refused(action)).code).toBe("CONFLICT");
    expect((await audits(id)).map((a) => a.action)).toEqual([
      "program.created",
      "program.activated",
      "program.paused",
      "program.resumed",
      "program.ended",
      "program.archived",
    ]);
    expect(
      await codeOf(api.programs.transition({ id, revision: revision - 1, action: "archive" })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(api.programs.update({ id, revision, program: stampCard({ name: "Too late" }) })),
    ).toBe("CONFLICT");
  });

  it("refuses lifecycle changes from analysts and store managers", async () => {
    const { id } = await (
      await as(ids.marketer)
    ).programs.create(stampCard({ name: "Read only for some" }));
    for (const user of [ids.analyst, ids.manager]) {
      const api = await as(user);
      expect(await codeOf(api.programs.transition({ id, revision: 1, action: "activate" }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(api.programs.update({ id, revision: 1, program: stampCard() }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(api.programs.delete({ id, revision: 1 }))).toBe("FORBIDDEN");
      expect(await codeOf(api.programs.preview(stampCard()))).toBe("FORBIDDEN");
    }
    expect(
      await codeOf(
        (await as(ids.admin)).programs.transition({ id, revision: 1, action: "activate" }),
      ),
    ).toBe("OK");
  });

  it("enrolls the target stores' customers at activation, holding out the control group by store", async () => {
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(
      stampCard({ name: "Milano only", targetStoreIds: [ids.milano], controlShareBp: 3000 }),
    );
    const result = await api.programs.transition({ id, revision: 1, action: "activate" });
    const held = stratifiedControl(
      id,
      milanese.map((c) => ({ id: c, storeId: ids.milano })),
      3000,
    );
    const control = held.size;
    expect(control).toBe(Math.round(milanese.length * 0.3));
    expect(result.enrolled).toEqual({ members: milanese.length - control, control });
    const rows = await handle.db.select().from(enrollments).where(eq(enrollments.programId, id));
    expect(
      rows.every((r) => milanese.includes(r.customerId) && r.isControl === held.has(r.customerId)),
    ).toBe(true);
  });

  it("versions an edit of an active program and keeps what members earned", async () => {
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(
      stampCard({ name: "Versioned", type: "points", config: {} }),
    );
    const active = await api.programs.transition({ id, revision: 1, action: "activate" });
    await handle.db.insert(ledgerEntries).values({
      programId: id,
      customerId: milanese[0]!,
      kind: "earn",
      unit: "points",
      amount: 70,
      effectiveAt: new Date("2025-06-15T00:00:00Z"),
    });
    const saved = await api.programs.update({
      id,
      revision: active.revision,
      program: stampCard({ name: "Versioned", type: "points", config: { earnPer: 2 } }),
    });
    expect(saved.version).toBe(2);
    const detail = await api.programs.get({ id });
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.program.config).toMatchObject({ earnPer: 2 });
    expect(detail.stats.issued).toBe(70);
    const [v1] = await handle.db
      .select()
      .from(programVersions)
      .where(and(eq(programVersions.programId, id), eq(programVersions.version, 1)));
    expect(v1?.config).not.toMatchObject({ earnPer: 2 });
    expect(
      await codeOf(
        api.programs.update({
          id,
          revision: saved.revision,
          program: stampCard({ name: "Versioned", type: "cashback", config: {} }),
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("deletes drafts only", async () => {
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(stampCard({ name: "Short lived" }));
    const active = await api.programs.create(stampCard({ name: "Running" }));
    const run = await api.programs.transition({ id: active.id, revision: 1, action: "activate" });
    const refused = await failure(api.programs.delete({ id: active.id, revision: run.revision }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("only drafts can be deleted");
    await api.programs.delete({ id, revision: 1 });
    expect(await codeOf(api.programs.get({ id }))).toBe("NOT_FOUND");
    expect((await audits(id)).map((a) => a.action)).toEqual(["program.created", "program.deleted"]);
  });

  it("enrolls only a saved segment's members when the program targets one, and refuses broken rules", async () => {
    const torinese: number[] = [];
    for (let i = 0; i < 8; i++)
      torinese.push(
        (await makeCustomer(handle.db, { homeStoreId: ids.milano, city: "Torino" })).id,
      );
    const [segment] = await handle.db
      .insert(segments)
      .values({
        name: "Torino",
        rules: { kind: "and", children: [{ kind: "city", values: ["Torino"] }] },
      })
      .returning();
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(
      stampCard({ name: "For a segment", segmentId: segment!.id, controlShareBp: 0 }),
    );
    const result = await api.programs.transition({ id, revision: 1, action: "activate" });
    expect(result.enrolled).toEqual({ members: torinese.length, control: 0 });
    const enrolled = await handle.db
      .select({ customerId: enrollments.customerId })
      .from(enrollments)
      .where(eq(enrollments.programId, id));
    expect(enrolled.map((e) => e.customerId).sort((a, b) => a - b)).toEqual(torinese);
    expect((await api.programs.get({ id })).segmentName).toBe("Torino");

    const [broken] = await handle.db
      .insert(segments)
      .values({ name: "Broken", rules: { kind: "nonsense" } })
      .returning();
    const other = await api.programs.create(
      stampCard({ name: "Broken target", segmentId: broken!.id }),
    );
    const refused = await failure(
      api.programs.transition({ id: other.id, revision: 1, action: "activate" }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain('The rules of segment "Broken" are not valid');
    const options = await (await as(ids.analyst)).programs.segmentOptions();
    expect(options).toContainEqual({ id: segment!.id, name: "Torino" });
    expect(await codeOf((await as(null)).programs.segmentOptions())).toBe("UNAUTHORIZED");
  });

  it("lists programs for every role, filtered by status, type and name, and a store manager's figures are their store's", async () => {
    const api = await as(ids.marketer);
    const { id } = await api.programs.create(stampCard({ name: "Everyone", controlShareBp: 0 }));
    await api.programs.transition({ id, revision: 1, action: "activate" });
    const everyone = (await (await as(ids.analyst)).programs.list({ search: "everyone" }))[0];
    expect(everyone?.members).toBe(milanese.length + romans.length + 8);
    const managed = (await (await as(ids.manager)).programs.list({ search: "everyone" }))[0];
    expect(managed?.members).toBe(milanese.length + 8);
    expect((await (await as(ids.manager)).programs.get({ id })).stats.members).toBe(
      milanese.length + 8,
    );
    expect(await codeOf((await as(ids.manager)).programs.get({ id, storeId: ids.roma }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf((await as(ids.manager)).programs.list({ storeId: ids.roma }))).toBe(
      "FORBIDDEN",
    );
    expect(
      (await (await as(ids.analyst)).programs.get({ id, storeId: ids.roma })).stats.members,
    ).toBe(romans.length);
    const drafts = await api.programs.list({ status: "draft" });
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((p) => p.status === "draft")).toBe(true);
    const points = await api.programs.list({ type: "points" });
    expect(points.map((p) => p.name)).toEqual(["Versioned"]);
    expect(await codeOf((await as(null)).programs.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(api.programs.get({ id: 99999 }))).toBe("NOT_FOUND");
  });

  it("serves the catalog to every role, with each type's explanation and its own fields only", async () => {
    for (const user of [ids.admin, ids.marketer, ids.analyst, ids.manager]) {
      const catalog = await (await as(user)).programs.catalog();
      const stamp = catalog.find((t) => t.id === "stamp-card");
      expect(stamp?.strengths.length).toBeGreaterThan(0);
      expect(stamp?.fields.map((f) => f.key)).toContain("stampsRequired");
      expect(stamp?.fields.map((f) => f.key)).not.toContain("budgetCap");
    }
    expect(await codeOf((await as(null)).programs.catalog())).toBe("UNAUTHORIZED");
  });
});
