import { createDb } from "../client";
import { migrate } from "../migrate";

/** `pnpm db:migrate`: applies committed migrations to DATABASE_URL or the PGlite data dir. */
async function main(): Promise<void> {
  const started = performance.now();
  const handle = await createDb();
  try {
    console.info(
      `db:migrate on ${handle.driver === "postgres" ? "PostgreSQL (DATABASE_URL)" : "PGlite"}`,
    );
    await migrate(handle);
    console.info(`db:migrate: migrations applied in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
