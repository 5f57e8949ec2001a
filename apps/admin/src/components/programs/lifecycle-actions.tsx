"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ErrorNotice } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";

type Action = "activate" | "pause" | "resume" | "end" | "archive";

const actionsFor: Record<
  string,
  { action: Action; label: string; confirm: string; variant: "primary" | "secondary" | "danger" }[]
> = {
  draft: [
    {
      action: "activate",
      label: "Activate",
      confirm:
        "Activate now? The target's customers are enrolled and the control group is held out.",
      variant: "primary",
    },
  ],
  active: [
    {
      action: "pause",
      label: "Pause",
      confirm: "Pause the program? Members stop earning until you resume it.",
      variant: "secondary",
    },
    {
      action: "end",
      label: "End",
      confirm: "End the program for good? It can no longer be edited or resumed.",
      variant: "danger",
    },
  ],
  paused: [
    {
      action: "resume",
      label: "Resume",
      confirm: "Resume the program? Members earn again from now on.",
      variant: "primary",
    },
    {
      action: "end",
      label: "End",
      confirm: "End the program for good? It can no longer be edited or resumed.",
      variant: "danger",
    },
  ],
  ended: [
    {
      action: "archive",
      label: "Archive",
      confirm: "Archive the program? It leaves the active lists; its history stays.",
      variant: "secondary",
    },
  ],
  archived: [],
};

/** The lifecycle buttons a status allows, each behind a confirmation; the API refuses anything else. */
export function LifecycleActions({
  id,
  status,
  revision,
}: {
  id: number;
  status: string;
  revision: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.programs.pathKey() });
  const transition = useMutation(
    trpc.programs.transition.mutationOptions({
      onSuccess: refresh,
      onSettled: () => setConfirming(null),
    }),
  );
  const remove = useMutation(
    trpc.programs.delete.mutationOptions({ onSuccess: () => router.push("/programs") }),
  );
  const actions = actionsFor[status] ?? [];
  const pending = actionsFor[status]?.find((a) => a.action === confirming);
  const error = transition.error ?? remove.error;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {status !== "ended" && status !== "archived" ? (
          <Link
            href={`/programs/${id}/edit`}
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Edit
          </Link>
        ) : null}
        {actions.map((a) => (
          <Button
            key={a.action}
            variant={a.variant}
            onClick={() => setConfirming(a.action)}
            disabled={transition.isPending}
          >
            {a.label}
          </Button>
        ))}
        {status === "draft" ? (
          <Button
            variant="ghost"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm("Delete this draft? This cannot be undone."))
                remove.mutate({ id, revision });
            }}
          >
            Delete draft
          </Button>
        ) : null}
      </div>
      {pending ? (
        <div
          role="dialog"
          aria-label={`Confirm ${pending.label.toLowerCase()}`}
          className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
        >
          <span>{pending.confirm}</span>
          <Button
            variant={pending.variant}
            disabled={transition.isPending}
            onClick={() => transition.mutate({ id, revision, action: pending.action })}
          >
            Yes, {pending.label.toLowerCase()}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
        </div>
      ) : null}
      {error ? <ErrorNotice title="Not done">{error.message}</ErrorNotice> : null}
    </div>
  );
}
