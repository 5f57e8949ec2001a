"use client";

import { useState } from "react";
import { Card, CardBody, CardHeader, Field, Select } from "@boomerang/ui";

/** What a members export can be limited to: a channel's consenting customers first. */
export const exportChoices = [
  { value: "email", label: "Only customers consenting to email (with an address)" },
  { value: "sms", label: "Only customers consenting to SMS (with a phone number)" },
  { value: "messenger", label: "Only customers consenting to messengers (with a phone number)" },
  { value: "push", label: "Only customers consenting to push notifications" },
  { value: "all", label: "All members, for analysis (contact details only where consented)" },
] as const;
export type ExportChoice = (typeof exportChoices)[number]["value"];

/** The channel a members export is limited to, as a labelled select. */
export function ExportChannelField(props: {
  id: string;
  label: string;
  value: ExportChoice;
  onChange: (channel: ExportChoice) => void;
}) {
  return (
    <Field label={props.label} htmlFor={props.id}>
      <Select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as ExportChoice)}
      >
        {exportChoices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Downloads the segment's current members as CSV (streamed), optionally only those reachable on a channel. */
export function ExportMembers({ segmentId, storeOnly }: { segmentId: number; storeOnly: boolean }) {
  const [channel, setChannel] = useState<ExportChoice>("email");
  return (
    <Card>
      <CardHeader
        title="Export members (CSV)"
        description={
          storeOnly
            ? "The current members who belong to your store: customer id, name, and the email and phone they agreed to be contacted at."
            : "The current members: customer id, name, and the email and phone they agreed to be contacted at. Large segments stream as they are read."
        }
      />
      <CardBody>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-72 flex-1">
            <ExportChannelField
              id="export-channel"
              label="Channel"
              value={channel}
              onChange={setChannel}
            />
          </div>
          <a
            href={`/api/exports/segment-members?segmentId=${segmentId}&channel=${channel}`}
            download
            className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800"
          >
            Export members (CSV)
          </a>
        </div>
      </CardBody>
    </Card>
  );
}
