"use client";

import { programTypes } from "@boomerang/domain/programs";
import { Button, Card, CardBody, Field, Input, Select } from "@boomerang/ui";
import { ConfigField } from "@/components/programs/config-field";
import { draftErrors, draftFor, ownFields, type CandidateDraft } from "./candidate-draft";

/** One candidate: a name, a program type and that type's parameters, checked as they are typed. */
export function CandidateEditor({
  index,
  draft,
  currency,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  draft: CandidateDraft;
  currency: string;
  canRemove: boolean;
  onChange: (draft: CandidateDraft) => void;
  onRemove: () => void;
}) {
  const errors = draftErrors(draft);
  const prefix = `candidate-${index}`;
  return (
    <Card>
      <CardBody>
        <div className="space-y-4" data-testid={prefix}>
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
