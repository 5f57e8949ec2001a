import { z } from "zod";

const schema = z.object({
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

/** The app's environment, validated once. */
export const env = schema.parse({
  AUTH_SECRET: process.env.AUTH_SECRET,
  NODE_ENV: process.env.NODE_ENV,
});
