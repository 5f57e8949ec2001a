import { eq } from "drizzle-orm";
import { z } from "zod";
import { users, type Database, type DbHandle } from "@boomerang/db";
import { isLocalDatabaseUrl, seedDemo } from "@boomerang/db/seed/index";
import type { SessionClaim } from "../../context";
import { conflict, forbidden, invalid } from "../../errors";
import { recordAudit } from "../audit";

/** What the admin types to confirm, so the reset is never one stray click away. */
export const DEMO_RESET_CONFIRMATION = "replace all data";

export const demoResetInput = z.object({
  confirmation: z.string().trim().max(100),
  customers: z.number().int().min(100).max(100_000).default(20_000),
});
export type DemoResetInput = z.infer<typeof demoResetInput>;

export type DemoResetStatus = {
  state: "idle" | "running" | "done" | "failed";
  startedAt: string | null;
  finishedAt: string | null;
  /** The seed's latest step ("customers 4000/20000 …"), for the progress display. */
  step: string | null;
  customers: number | null;
  error: string | null;
};

type Job = DemoResetStatus & {
  promise: Promise<void> | null;
  /** The session that started it: it may follow the reset even once its account is replaced. */
  startedBy: SessionClaim | null;
};

// One reset at a time per server process; kept on globalThis so a dev reload does not lose it.
const store = globalThis as unknown as { boomerangDemoReset?: Job };
const idle: Job = {
  state: "idle",
  startedAt: null,
  finishedAt: null,
  step: null,
  customers: null,
  error: null,
  promise: null,
  startedBy: null,
};

export function demoResetStatus(): DemoResetStatus {
  const { promise: _p, startedBy: _s, ...status } = store.boomerangDemoReset ?? idle;
  return status;
}

/** Whether this session started the latest reset (whether or not its account still exists). */
export function startedDemoReset(session: SessionClaim | null): boolean {
  const by = store.boomerangDemoReset?.startedBy;
  return (
    session !== null &&
    by !== null &&
    by !== undefined &&
    by.userId === session.userId &&
    by.sessionKey === session.sessionKey
  );
}

/** The handle seedDemo needs, from the request's database (the client tells the driver). */
function handleFor(db: Database): DbHandle {
  const client = (db as unknown as { $client: unknown }).$client;
  return {
    db,
    driver: typeof client === "function" ? "postgres" : "pglite",
    close: async () => {},
  };
}

/**
 * Replaces every table's rows with a freshly generated demo chain (the seed with reset), in the
 * background: the caller polls demoResetStatus for progress. Afterwards the reset is recorded in the
 * (new) audit log, attributed to the demo user with the admin's email when there is one.
 * Refused unless the confirmation is typed exactly, and on a database that is not on this machine.
 */
export function startDemoReset(
  db: Database,
  actor: { id: number; email: string; name: string },
  session: SessionClaim | null,
  input: DemoResetInput,
  now: Date,
  options: { databaseUrl?: string | undefined } = {},
): DemoResetStatus {
  if (input.confirmation.toLowerCase() !== DEMO_RESET_CONFIRMATION)
    throw invalid(`Type "${DEMO_RESET_CONFIRMATION}" to confirm that every record is replaced.`, {
      confirmation: [`Type "${DEMO_RESET_CONFIRMATION}" exactly.`],
    });
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url && !isLocalDatabaseUrl(url))
    throw forbidden(
      "Demo data can only be reset on a database on this server; this one is remote. Use `pnpm db:seed --reset --allow-remote` if you really mean it.",
    );
  if (store.boomerangDemoReset?.state === "running")
    throw conflict("A demo-data reset is already running; wait for it to finish.");
  const asOf = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const job: Job = {
    state: "running",
    startedAt: now.toISOString(),
    finishedAt: null,
    step: "starting",
    customers: input.customers,
    error: null,
    promise: null,
    startedBy: session,
  };
  store.boomerangDemoReset = job;
  job.promise = (async () => {
    try {
      const summary = await seedDemo(handleFor(db), {
        asOf,
        customers: input.customers,
        reset: true,
        // The demo login that is the same account as the admin who started the reset (same id
        // and email) takes over their session as it is inserted, so they stay signed in. Every
        // other session ends with the account it belonged to.
        ...(session && session.userId === actor.id
          ? {
              keepSession: {
                userId: actor.id,
                email: actor.email,
                sessionKey: session.sessionKey,
              },
            }
          : {}),
        onProgress: (step) => {
          job.step = step;
        },
      });
      job.step = "recording the reset in the audit log";
      const [again] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, actor.email))
        .limit(1);
      await recordAudit(db, {
        actorId: again?.id ?? null,
        action: "demo.reset",
        entityType: "settings",
        entityId: null,
        changes: {
          by: { name: actor.name, email: actor.email },
          customers: summary.counts.customers,
          orders: summary.counts.orders,
          asOf: asOf.toISOString().slice(0, 10),
          durationMs: summary.durationMs,
        },
        at: new Date(),
      });
      job.state = "done";
      job.step = `done: ${summary.counts.customers.toLocaleString("en")} customers, ${summary.counts.orders.toLocaleString("en")} orders`;
    } catch (error) {
      job.state = "failed";
      job.error = error instanceof Error ? error.message : String(error);
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  })();
  return demoResetStatus();
}

/** For tests: waits for the running reset, if any. */
export async function settleDemoReset(): Promise<void> {
  await store.boomerangDemoReset?.promise;
}
