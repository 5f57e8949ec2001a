import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The monorepo root, found by walking up from the working directory. Bundlers rewrite
 * import.meta.url, so paths to committed files (migrations) are resolved from here instead.
 */
export function workspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

export const migrationsFolder = (): string => join(workspaceRoot(), "packages", "db", "migrations");
