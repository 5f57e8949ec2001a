"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
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
import {
  assumptionFields,
  defaultModel,
  modelFromValues,
  valuesOf,
  type AssumptionValues,
} from "./assumption-fields";
import { AssumptionsEditor } from "./assumptions-editor";
import {
  draftErrors,
  draftFor,
  draftFromProgram,
  freshLabel,
  type CandidateDraft,
  type SavedProgram,
} from "./candidate-draft";
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
  const programs = useQuery(trpc.compare.programOptions.queryOptions());
  const segments = useQuery(trpc.programs.segmentOptions.queryOptions());
  const [name, setName] = useState("Which program for our customers?");
  const [objective, setObjective] = useState<Objective>("roi");
  const [range, setRange] = useState(defaultRange);
  const [storeId, setStoreId] = useState<number | null>(null);
  const [segmentId, setSegmentId] = useState<number | null>(null);
  const [segmentNote, setSegmentNote] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<CandidateDraft[]>(startingCandidates);
  // Only what the user typed; every other assumption shows and keeps its documented default.
  const [edits, setEdits] = useState<AssumptionValues>({});
  const fields = useMemo(() => assumptionFields(candidates.map((c) => c.typeId)), [candidates]);
  const values = { ...valuesOf(defaultModel, fields), ...edits };
  const model = modelFromValues(values, fields);
  const start = useMutation(
    trpc.compare.start.mutationOptions({ onSuccess: ({ id }) => router.push(`/compare/${id}`) }),
  );
  const invalid =
    !model.ok ||
    candidates.some((c) => Object.keys(draftErrors(c)).length > 0 || c.label.trim() === "");

  const load = (i: number, program: SavedProgram) => {
    const others = candidates.filter((_, j) => j !== i).map((c) => c.label);
    setCandidates(candidates.map((c, j) => (j === i ? draftFromProgram(program, others) : c)));
    // The program's target segment becomes the comparison's, unless one is already chosen.
    if (program.segmentId !== null && segmentId === null) {
      setSegmentId(program.segmentId);
      setSegmentNote(
        `Target segment set to “${program.segmentName ?? program.segmentId}”, the segment of “${program.name}”.`,
      );
    }
  };

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
        if (!model.ok) return;
        start.mutate({
          name,
          range,
          storeId,
          comparison: { candidates, objective, segmentId, model: model.model },
        });
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
            <div className="lg:col-span-2">
              <Field
                label="Target segment"
                htmlFor="compare-segment"
                hint={
                  segmentNote ??
                  (segments.data?.length === 0
                    ? "No saved segments yet: build one under Segments to replay only its members."
                    : "Only the segment's members, as they were at the start of the period.")
                }
              >
                <Select
                  id="compare-segment"
                  value={segmentId ?? ""}
                  onChange={(e) => {
                    setSegmentNote(null);
                    setSegmentId(e.target.value === "" ? null : Number(e.target.value));
                  }}
                >
                  <option value="">No segment: everyone in the target</option>
                  {(segments.data ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
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
            programs={programs.data ?? []}
            onLoad={(program) => load(i, program)}
            onChange={(next) => setCandidates(candidates.map((c, j) => (j === i ? next : c)))}
            onRemove={() => setCandidates(candidates.filter((_, j) => j !== i))}
          />
        ))}
      </div>
      <AssumptionsEditor
        fields={fields}
        values={values}
        errors={model.ok ? {} : model.errors}
        onChange={(next) => setEdits(next)}
        onReset={() => setEdits({})}
      />
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
