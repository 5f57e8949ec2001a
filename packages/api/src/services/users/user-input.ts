import { z } from "zod";
import { roles } from "@boomerang/domain";

export const userId = z.number().int().positive();
export const password = z
  .string()
  .min(10, { message: "Use a password of at least 10 characters." })
  .max(200, { message: "Use a password of at most 200 characters." });

const assignment = z.object({
  role: z.enum(roles, { message: "Choose a role." }),
  storeId: z.number().int().positive().nullable(),
});

/** Only store managers have a store, and they must have one (the database checks it too). */
const storeMatchesRole = <T extends z.infer<typeof assignment>>(schema: z.ZodType<T>) =>
  schema.refine((u) => (u.role === "store_manager") === (u.storeId !== null), {
    message: "A store manager needs a store; other roles have none.",
    path: ["storeId"],
  });

export const newUserInput = storeMatchesRole(
  assignment.extend({
    email: z.email({ message: "Enter a valid email address." }).max(320),
    name: z.string().trim().min(1, { message: "Enter the person's name." }).max(120),
    password,
  }),
);

export const userChangesInput = storeMatchesRole(
  assignment.extend({
    id: userId,
    name: z.string().trim().min(1, { message: "Enter the person's name." }).max(120),
    /** Left out to keep the current one. */
    email: z.email({ message: "Enter a valid email address." }).max(320).optional(),
  }),
);

export type NewUserInput = z.infer<typeof newUserInput>;
export type UserChangesInput = z.infer<typeof userChangesInput>;
