import { parseProgramConfig } from "@boomerang/domain/programs";
import type { RouterInputs, RouterOutputs } from "@boomerang/api";

export type ProgramInputValues = RouterInputs["programs"]["create"];
export type CatalogType = RouterOutputs["programs"]["catalog"][number];
export type MessageTrigger = ProgramInputValues["messages"][number]["trigger"];
export type MessageChannel = ProgramInputValues["messages"][number]["channel"];

/** The form as the marketer edits it: dates as days, money in major units as typed, share in percent. */
export type EditorValues = {
  name: string;
  config: Record<string, unknown>;
  segmentId: number | null;
  targetStoreIds: number[];
  channels: ("online" | "offline")[];
  startsOn: string;
  endsOn: string;
  budgetCap: string;
  controlSharePercent: string;
  messages: Record<MessageTrigger, { enabled: boolean; channel: MessageChannel; text: string }>;
};

export const messageLabels: Record<MessageTrigger, string> = {
  welcome: "Welcome",
  reward_earned: "Reward earned",
  reminder: "Reminder",
};

const defaultMessages: EditorValues["messages"] = {
  welcome: { enabled: false, channel: "email", text: "" },
  reward_earned: { enabled: false, channel: "email", text: "" },
  reminder: { enabled: false, channel: "email", text: "" },
};

/** A new program of a type: every field at the type's default. */
export function newEditorValues(type: CatalogType): EditorValues {
  const config = Object.fromEntries(type.fields.map((f) => [f.key, f.default]));
  return {
    name: "",
    config,
    segmentId: null,
    targetStoreIds: [],
    channels: ["online", "offline"],
    startsOn: "",
    endsOn: "",
    budgetCap: "",
    controlSharePercent: "10",
    messages: structuredClone(defaultMessages),
  };
}

type StoredProgram = RouterOutputs["programs"]["get"]["program"];

const day = (date: Date | string | null): string =>
  date === null ? "" : new Date(date).toISOString().slice(0, 10);

/** The saved program back in the form's terms. */
export function editorValuesOf(program: StoredProgram, type: CatalogType): EditorValues {
  const messages = structuredClone(defaultMessages);
  for (const m of program.messages)
    messages[m.trigger] = { enabled: true, channel: m.channel as MessageChannel, text: m.text };
  return {
    name: program.name,
    config: Object.fromEntries(type.fields.map((f) => [f.key, program.config[f.key] ?? f.default])),
    segmentId: program.segmentId,
    targetStoreIds: [...program.storeIds],
    channels: [...program.channels],
    startsOn: day(program.startsAt),
    endsOn: day(program.endsAt),
    budgetCap: program.budgetCap === null ? "" : String(program.budgetCap / 100),
    controlSharePercent: String(program.controlShareBp / 100),
    messages,
  };
}

export type FormErrors = Record<string, string>;

/** What the API takes, or the form's own errors (keys as the API's fieldErrors use them). */
export function toProgramInput(
  type: string,
  values: EditorValues,
): { input: ProgramInputValues; errors: FormErrors } {
  const errors: FormErrors = {};
  if (values.name.trim() === "") errors.name = "Give the program a name.";
  if (values.channels.length === 0)
    errors.channels = "Pick at least one channel (online, in store).";
  const budget = values.budgetCap.trim() === "" ? null : Math.round(Number(values.budgetCap) * 100);
  if (budget !== null && (!Number.isFinite(budget) || budget < 0))
    errors.budgetCap = "Enter the budget cap as an amount, e.g. 5000.";
  const share = Number(values.controlSharePercent);
  if (
    values.controlSharePercent.trim() === "" ||
    !Number.isFinite(share) ||
    share < 0 ||
    share > 50
  ) {
    errors.controlShareBp = "Enter a control group between 0% and 50%.";
  }
  const startsAt = values.startsOn === "" ? null : new Date(`${values.startsOn}T00:00:00Z`);
  const endsAt = values.endsOn === "" ? null : new Date(`${values.endsOn}T00:00:00Z`);
  if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = "The end must be after the start.";
  const messages = (Object.keys(values.messages) as MessageTrigger[])
    .filter((trigger) => values.messages[trigger].enabled)
    .map((trigger) => {
      const m = values.messages[trigger];
      if (m.text.trim() === "")
        errors[`messages.${trigger}`] = "Write the message, or switch it off.";
      return { trigger, channel: m.channel, text: m.text };
    });
  const parsed = parseProgramConfig(type, values.config);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      const colon = error.indexOf(": ");
      errors[colon > 0 ? `config.${error.slice(0, colon)}` : "config"] =
        colon > 0 ? error.slice(colon + 2) : error;
    }
  }
  return {
    input: {
      name: values.name.trim(),
      type,
      config: values.config,
      segmentId: values.segmentId,
      targetStoreIds: values.targetStoreIds,
      channels: values.channels,
      startsAt,
      endsAt,
      budgetCap: budget,
      controlShareBp: Math.round(share * 100),
      messages,
    },
    errors,
  };
}

/** The API's fieldErrors (zod's flatten or the service's details) in the form's keys. */
export function serverFieldErrors(error: unknown): FormErrors {
  const data = (
    error as {
      data?: {
        fieldErrors?: Record<string, string[] | undefined> | null;
        details?: { fieldErrors?: Record<string, string[]> } | null;
      };
    } | null
  )?.data;
  const out: FormErrors = {};
  for (const source of [data?.fieldErrors, data?.details?.fieldErrors]) {
    for (const [key, messages] of Object.entries(source ?? {}))
      if (messages?.[0]) out[key] = messages[0];
  }
  return out;
}
