"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { getProgramType } from "@boomerang/domain/programs";
import { objectiveLabels, objectives, type Objective } from "@boomerang/domain/simulation";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  ErrorNotice,
  Field,
  Input,
  Select,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { draftErrors, draftFor, freshLabel, type CandidateDraft } from "./candidate-draft";
import { CandidateEditor } from "./candidate-editor";

const startingCandidates = (): CandidateDraft[] => [
  draftFor("points", "Points / bonus"),
  draftFor("tiered-discount", "Cumulative discount"),
];

/** Pick 2–4 candidates, a target, a period and an objective; run starts a background simulation. */
export function CompareBuilder({
  currency,
  defaultRange,
}: {
  currency: string;
  defaultRange: { from: string; to: string };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const stores = useQuery(trpc.stores.list.queryOptions());
  const [name, setName] = useState("Which program for our customers?");
  const [objective, setObjective] = useState<Objective>("roi");
  const [range, setRange] = useState(defaultRange);
  const [storeId, setStoreId] = useState<number | null>(null);
  const [candidates, setCandidates] = useState<CandidateDraft[]>(startingCandidates);
  const start = useMutation(
    trpc.compare.start.mutationOptions({ onSuccess: ({ id }) => router.push(`/compare/${id}`) }),
  );
  const invalid = candidates.some(
    (c) => Object.keys(draftErrors(c)).length > 0 || c.label.trim() === "",
  );

  const add = () => {
    const typeId = candidates.some((c) => c.typeId === "cashback") ? "stamp-card" : "cashback";
    const base = getProgramType(typeId)?.name ?? typeId;
    setCandidates([
      ...candidates,
      draftFor(
        typeId,
        freshLabel(
          base,
          candidates.map((c) => c.label),
        ),
      ),
    ]);
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate({ name, range, storeId, comparison: { candidates, objective } });
      }}
    >
      <Card>
        <CardHeader
          title="New comparison"
          description="Replays your own order history through each candidate. Default: the last 12 months."
        />
        <CardBody>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <div className="lg:col-span-2">
              <Field label="Name" htmlFor="compare-name">
                <Input id="compare-name" value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
            </div>
            <Field label="Objective" htmlFor="compare-objective">
              <Select
                id="compare-objective"
                value={objective}
                onChange={(e) => setObjective(e.target.value as Objective)}
              >
                {objectives.map((o) => (
                  <option key={o} value={o}>
                    {objectiveLabels[o]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="History from" htmlFor="compare-from">
              <Input
                id="compare-from"
                type="date"
                value={range.from}
                onChange={(e) => setRange({ ...range, from: e.target.value })}
              />
            </Field>
            <Field label="History to" htmlFor="compare-to">
              <Input
                id="compare-to"
                type="date"
                value={range.to}
                onChange={(e) => setRange({ ...range, to: e.target.value })}
              />
            </Field>
            <Field label="Target customers" htmlFor="compare-store">
              <Select
                id="compare-store"
                value={storeId ?? ""}
                onChange={(e) => setStoreId(e.target.value === "" ? null : Number(e.target.value))}
              >
                <option value="">All customers</option>
                {(stores.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    Home store: {s.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </CardBody>
      </Card>
      <div className="grid gap-4 xl:grid-cols-2">
        {candidates.map((draft, i) => (
          <CandidateEditor
            key={i}
            index={i}
            draft={draft}
            currency={currency}
            canRemove={candidates.length > 2}
            onChange={(next) => setCandidates(candidates.map((c, j) => (j === i ? next : c)))}
            onRemove={() => setCandidates(candidates.filter((_, j) => j !== i))}
          />
        ))}
      </div>
      {start.error ? (
        <ErrorNotice title="The comparison could not start">{start.error.message}</ErrorNotice>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {candidates.length < 4 ? (
          <Button type="button" variant="secondary" onClick={add}>
            Add a candidate
          </Button>
        ) : null}
        <Button type="submit" disabled={invalid || start.isPending}>
          {start.isPending ? "Starting…" : `Simulate ${candidates.length} candidates`}
        </Button>
      </div>
    </form>
  );
}
