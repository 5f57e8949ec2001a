"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  ErrorNotice,
  Field,
  Input,
  Select,
  Skeleton,
} from "@boomerang/ui";
import { segmentRules, type SegmentNode } from "@boomerang/domain/segments";
import { useTRPC } from "@/trpc/react";
import { RuleEditor } from "./rule-editor";
import { SaveDiff } from "./save-diff";
import { SegmentPreview, type BusinessFormat } from "./segment-preview";

export type SavedSegment = {
  id: number;
  version: number;
  name: string;
  description: string;
  rules: SegmentNode;
};

/** The builder: rules on the left, live members on the right; saving an edit first shows who changes. */
export function SegmentBuilder({
  saved,
  business,
  canEdit,
  canSeeSql,
}: {
  saved: SavedSegment | null;
  business: BusinessFormat;
  canEdit: boolean;
  canSeeSql: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.segments.options.queryOptions());
  const [name, setName] = useState(saved?.name ?? "");
  const [description, setDescription] = useState(saved?.description ?? "");
  const [rules, setRules] = useState<SegmentNode>(saved?.rules ?? { kind: "and", children: [] });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSaved = async (id: number) => {
    await queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
    setConfirming(false);
    router.push(`/segments/${id}`);
    router.refresh();
  };
  const onError = (e: { message: string }) => setError(e.message);
  const create = useMutation(
    trpc.segments.create.mutationOptions({ onSuccess: (r) => onSaved(r.id), onError }),
  );
  const update = useMutation(
    trpc.segments.update.mutationOptions({ onSuccess: (r) => onSaved(r.id), onError }),
  );
  const valid = segmentRules.safeParse(rules).success && name.trim().length > 0;
  const fields = { name, description, rules };

  const save = () => {
    setError(null);
    if (saved === null) create.mutate(fields);
    else setConfirming(true);
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <Card>
        <CardHeader
          title={saved ? `Edit “${saved.name}”` : "New segment"}
          description={
            saved ? `Version ${saved.version}` : "Start from a template or add conditions."
          }
        />
        <CardBody className="space-y-4">
          <div className="grid gap-3 md:grid-cols-2">
            <Field label="Name" htmlFor="segment-name">
              <Input
                id="segment-name"
                value={name}
                disabled={!canEdit}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field label="Description" htmlFor="segment-description">
              <Input
                id="segment-description"
                value={description}
                disabled={!canEdit}
                onChange={(e) => setDescription(e.target.value)}
              />
            </Field>
          </div>
          {options.data && saved === null ? (
            <Field label="Start from a template" htmlFor="segment-template">
              <Select
                id="segment-template"
                value=""
                onChange={(e) => {
                  const t = options.data.templates.find((x) => x.id === e.target.value);
                  if (!t) return;
                  setRules(t.rules);
                  if (name === "") setName(t.name);
                  if (description === "") setDescription(t.description);
                }}
              >
                <option value="">Choose a template…</option>
                {options.data.templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          {options.error ? (
            <ErrorNotice title="The pickers could not be loaded">
              {options.error.message}
            </ErrorNotice>
          ) : !options.data ? (
            <Skeleton className="h-24" />
          ) : (
            <fieldset disabled={!canEdit}>
              <RuleEditor node={rules} onChange={setRules} data={options.data} />
            </fieldset>
          )}
          {error ? <ErrorNotice title="Not saved">{error}</ErrorNotice> : null}
          {canEdit ? (
            confirming && saved ? (
              <SaveDiff
                segmentId={saved.id}
                rules={rules}
                busy={update.isPending}
                onCancel={() => setConfirming(false)}
                onConfirm={() =>
                  update.mutate({ id: saved.id, version: saved.version, segment: fields })
                }
              />
            ) : (
              <Button onClick={save} disabled={!valid || create.isPending}>
                {saved ? "Review and save" : "Save segment"}
              </Button>
            )
          ) : (
            <p className="text-sm text-slate-500">
              Your role can read segments but not change them.
            </p>
          )}
        </CardBody>
      </Card>
      <SegmentPreview rules={rules} business={business} canSeeSql={canSeeSql} />
    </div>
  );
}
