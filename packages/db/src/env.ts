import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  BOOMERANG_DATA_DIR: z.string().optional(),
});

/** Read once; the only place in this package that touches process.env. */
export const dbEnv = schema.parse({
  DATABASE_URL: process.env.DATABASE_URL,
  BOOMERANG_DATA_DIR: process.env.BOOMERANG_DATA_DIR,
});
