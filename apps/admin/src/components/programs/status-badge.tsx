import { Badge } from "@boomerang/ui";

const tones = {
  draft: "slate",
  active: "teal",
  paused: "amber",
  ended: "sky",
  archived: "slate",
} as const;

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status as keyof typeof tones] ?? "slate"}>{status}</Badge>;
}
