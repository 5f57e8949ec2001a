import { z } from "zod";

export const messageTriggers = ["welcome", "reward_earned", "reminder"] as const;
export const messageChannels = ["email", "sms", "messenger", "push"] as const;

/**
 * What the designer form sends. `config` holds the type's own parameters (checked against the
 * type's schema by the service, so its messages name the field); targeting, schedule, budget and
 * control group are columns of the program.
 */
export const programFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the program a name.")
    .max(120, "Keep the name under 120 characters."),
  type: z.string().min(1, "Pick a program type."),
  config: z.record(z.string(), z.unknown()),
  segmentId: z.number().int().positive().nullable(),
  // Home stores of the customers the program is for (and where orders count); empty: every store.
  targetStoreIds: z.array(z.number().int().positive()).max(500),
  channels: z
    .array(z.enum(["online", "offline"]))
    .min(1, "Pick at least one channel (online, in store)."),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  budgetCap: z
    .number()
    .int("Enter the budget cap in whole cents.")
    .min(0, "The budget cap cannot be negative.")
    .nullable(),
  controlShareBp: z
    .number()
    .int()
    .min(0, "The control group cannot be negative.")
    .max(5000, "Hold out at most 50% as control, or too few customers get the program."),
  messages: z
    .array(
      z.object({
        trigger: z.enum(messageTriggers),
        channel: z.enum(messageChannels),
        text: z
          .string()
          .trim()
          .min(1, "Write the message, or remove it.")
          .max(1000, "Keep messages under 1,000 characters."),
      }),
    )
    .max(10),
});

export const programInput = programFields.refine(
  (p) => p.endsAt === null || p.startsAt === null || p.endsAt > p.startsAt,
  {
    message: "The end must be after the start.",
    path: ["endsAt"],
  },
);

export type ProgramInput = z.output<typeof programInput>;

/** Common rules the program row owns; the form does not show them inside the type's parameters. */
export const rowOwnedParams = [
  "segments",
  "startsAt",
  "endsAt",
  "channels",
  "stores",
  "budgetCap",
] as const;
