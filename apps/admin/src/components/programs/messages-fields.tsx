"use client";

import { Field, Select } from "@boomerang/ui";
import {
  messageLabels,
  type EditorValues,
  type FormErrors,
  type MessageChannel,
  type MessageTrigger,
} from "./editor-state";

const channels: { id: MessageChannel; label: string }[] = [
  { id: "email", label: "Email" },
  { id: "sms", label: "SMS" },
  { id: "messenger", label: "Messenger" },
  { id: "push", label: "Push" },
];

/** The messages that go with the program: one per moment, each with its channel and text. */
export function MessagesFields({
  messages,
  errors,
  onChange,
}: {
  messages: EditorValues["messages"];
  errors: FormErrors;
  onChange: (messages: EditorValues["messages"]) => void;
}) {
  const set = (trigger: MessageTrigger, patch: Partial<EditorValues["messages"][MessageTrigger]>) =>
    onChange({ ...messages, [trigger]: { ...messages[trigger], ...patch } });
  return (
    <div className="space-y-4">
      {(Object.keys(messageLabels) as MessageTrigger[]).map((trigger) => {
        const m = messages[trigger];
        const id = `message-${trigger}`;
        return (
          <div key={trigger} className="space-y-2">
            <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-700">
              <input
                type="checkbox"
                checked={m.enabled}
                onChange={(e) => set(trigger, { enabled: e.target.checked })}
              />
              {messageLabels[trigger]} message
            </label>
            {m.enabled ? (
              <div className="grid gap-2 md:grid-cols-[10rem_1fr]">
                <Select
                  aria-label={`${messageLabels[trigger]} channel`}
                  value={m.channel}
                  onChange={(e) => set(trigger, { channel: e.target.value as MessageChannel })}
                >
                  {channels.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </Select>
                <Field
                  label={`${messageLabels[trigger]} text`}
                  htmlFor={id}
                  error={errors[`messages.${trigger}`] ?? null}
                >
                  <textarea
                    id={id}
                    rows={2}
                    className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                    value={m.text}
                    aria-invalid={Boolean(errors[`messages.${trigger}`])}
                    onChange={(e) => set(trigger, { text: e.target.value })}
                  />
                </Field>
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
