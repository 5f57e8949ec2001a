import { tmpdir } from "node:os";
import { join } from "node:path";

/** The folder uploads wait in for their import. */
export const uploadDir = (): string => join(tmpdir(), "boomerang-imports");

/** Where an upload waits for its import (deleted when the import ends, or when it is swept). */
export const importFilePath = (jobId: number): string => join(uploadDir(), `import-${jobId}.csv`);
