"use client";

import { programTypes } from "@boomerang/domain/programs";
import { Button, Card, CardBody, Field, Input, Select } from "@boomerang/ui";
import { ConfigField } from "@/components/programs/config-field";
import {
  draftErrors,
  draftFor,
  ownFields,
  type CandidateDraft,
  type SavedProgram,
} from "./candidate-draft";

/**
 * One candidate: a name, a program type and that type's parameters, checked as they are typed;
 * or a saved program (a draft or any other) loaded as the starting point.
 */
export function CandidateEditor({
  index,
  draft,
  currency,
  canRemove,
  programs,
  onChange,
  onLoad,
  onRemove,
}: {
  index: number;
  draft: CandidateDraft;
  currency: string;
  canRemove: boolean;
  programs: readonly SavedProgram[];
  onChange: (draft: CandidateDraft) => void;
  onLoad: (program: SavedProgram) => void;
  onRemove: () => void;
}) {
  const errors = draftErrors(draft);
  const prefix = `candidate-${index}`;
  const source = programs.find((p) => p.id === draft.programId);
  return (
    <Card>
      <CardBody>
        <div className="space-y-4" data-testid={prefix}>
          <Field
            label="Start from a saved program"
            htmlFor={`${prefix}-program`}
            hint={
              programs.length === 0
                ? "No saved programs yet: design one under Programs, or set a type below."
                : source
                  ? `Loaded from “${source.name}” (${source.status}). Edits here do not change the program.`
                  : "Copies a draft's or a running program's type and parameters into this candidate."
            }
          >
            <Select
              id={`${prefix}-program`}
              value={draft.programId ?? ""}
              disabled={programs.length === 0}
              onChange={(e) => {
                const program = programs.find((p) => p.id === Number(e.target.value));
                if (program) onLoad(program);
              }}
            >
              <option value="">A configuration made here</option>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.status}, {programTypes.get(p.type)?.name ?? p.type})
                </option>
              ))}
            </Select>
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Candidate name" htmlFor={`${prefix}-label`}>
              <Input
                id={`${prefix}-label`}
                value={draft.label}
                onChange={(e) => onChange({ ...draft, label: e.target.value })}
              />
            </Field>
            <Field label="Program type" htmlFor={`${prefix}-type`}>
              <Select
                id={`${prefix}-type`}
                value={draft.typeId}
                onChange={(e) =>
                  onChange(
                    draftFor(
                      e.target.value,
                      programTypes.get(e.target.value)?.name ?? e.target.value,
                    ),
                  )
                }
              >
                {[...programTypes.values()].map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            {ownFields(draft.typeId).map((spec) => (
              <ConfigField
                key={`${draft.typeId}-${spec.key}`}
                idPrefix={prefix}
                spec={spec}
                value={draft.params[spec.key]}
                currency={currency}
                error={errors[spec.key] ?? null}
                onChange={(value) =>
                  onChange({ ...draft, params: { ...draft.params, [spec.key]: value } })
                }
              />
            ))}
          </div>
          {errors[""] ? <p className="text-sm text-rose-700">{errors[""]}</p> : null}
          {canRemove ? (
            <Button type="button" variant="secondary" onClick={onRemove}>
              Remove {draft.label || "candidate"}
            </Button>
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}
