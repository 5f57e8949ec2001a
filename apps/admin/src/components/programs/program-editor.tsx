"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button, Card, CardBody, CardHeader, ErrorNotice, Field, Input } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { ConfigField } from "./config-field";
import {
  serverFieldErrors,
  toProgramInput,
  type CatalogType,
  type EditorValues,
  type FormErrors,
} from "./editor-state";
import { MessagesFields } from "./messages-fields";
import { PreviewPanel } from "./preview-panel";
import { TargetingFields } from "./targeting-fields";

type Option = { id: number; name: string };

/** The designer form, built from the type's schema, with the live preview beside it. */
export function ProgramEditor({
  type,
  initial,
  existing,
  stores,
  segments,
  currency,
  locale,
}: {
  type: CatalogType;
  initial: EditorValues;
  /** Editing a saved program: its id, the revision the form was loaded at and its status. */
  existing: { id: number; revision: number; status: string } | null;
  stores: Option[];
  segments: Option[];
  currency: string;
  locale: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const { input, errors: formErrors } = useMemo(
    () => toProgramInput(type.id, values),
    [type.id, values],
  );
  const errors = { ...serverErrors, ...formErrors };
  const shown = (key: string) =>
    touched || key.startsWith("config.") ? (errors[key] ?? null) : null;

  const onSaved = (id: number) => router.push(`/programs/${id}`);
  const onError = (error: { message: string }) => {
    setServerErrors(serverFieldErrors(error));
    setFailure(error.message);
  };
  const create = useMutation(
    trpc.programs.create.mutationOptions({ onSuccess: (r) => onSaved(r.id), onError }),
  );
  const update = useMutation(
    trpc.programs.update.mutationOptions({ onSuccess: (r) => onSaved(r.id), onError }),
  );
  const saving = create.isPending || update.isPending;

  const change = (patch: Partial<EditorValues>) => {
    setServerErrors({});
    setFailure(null);
    setValues((v) => ({ ...v, ...patch }));
  };
  const save = () => {
    setTouched(true);
    if (Object.keys(formErrors).length > 0) return;
    if (existing) update.mutate({ id: existing.id, revision: existing.revision, program: input });
    else create.mutate(input);
  };
  const configErrors = Object.entries(formErrors)
    .filter(([key]) => key.startsWith("config"))
    .map(
      ([key, message]) =>
        `${type.fields.find((f) => `config.${f.key}` === key)?.label ?? key}: ${message}`,
    );

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form
        className="space-y-6"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {existing && existing.status !== "draft" ? (
          <p className="rounded-md bg-sky-50 px-4 py-2 text-sm text-sky-900">
            This program is {existing.status}: saving creates a new version. Members keep what they
            earned under the previous one.
          </p>
        ) : null}
        <Card>
          <CardHeader title={type.name} description={type.description} />
          <CardBody className="space-y-4">
            <Field label="Program name" htmlFor="program-name" error={shown("name")}>
              <Input
                id="program-name"
                value={values.name}
                aria-invalid={Boolean(shown("name"))}
                onChange={(e) => change({ name: e.target.value })}
              />
            </Field>
            <div className="grid gap-4 md:grid-cols-2">
              {type.fields.map((spec) => (
                <ConfigField
                  key={spec.key}
                  idPrefix="config"
                  spec={spec}
                  value={values.config[spec.key]}
                  currency={currency}
                  error={shown(`config.${spec.key}`)}
                  onChange={(v) => change({ config: { ...values.config, [spec.key]: v } })}
                />
              ))}
            </div>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Who, where and when" />
          <CardBody>
            <TargetingFields
              values={values}
              errors={touched ? errors : {}}
              stores={stores}
              segments={segments}
              currency={currency}
              onChange={change}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Messages"
            description="Sent to members when they join, when they earn a reward, and as a reminder."
          />
          <CardBody>
            <MessagesFields
              messages={values.messages}
              errors={touched ? errors : {}}
              onChange={(messages) => change({ messages })}
            />
          </CardBody>
        </Card>
        {failure ? <ErrorNotice title="Not saved">{failure}</ErrorNotice> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : existing ? "Save changes" : "Save draft"}
          </Button>
          <Button variant="secondary" onClick={() => router.back()}>
            Cancel
          </Button>
        </div>
      </form>
      <div className="xl:sticky xl:top-4 xl:self-start">
        <PreviewPanel
          input={{
            type: input.type,
            config: input.config,
            targetStoreIds: input.targetStoreIds,
            channels: input.channels,
            budgetCap: input.budgetCap,
          }}
          formErrors={configErrors}
          currency={currency}
          locale={locale}
        />
      </div>
    </div>
  );
}
