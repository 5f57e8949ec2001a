"use client";

import { Button, Select } from "@boomerang/ui";
import { isGroup, isNot, type SegmentNode } from "@boomerang/domain/segments";
import { conditionCatalog } from "./condition-catalog";
import { ConditionFields, type PickerData } from "./condition-fields";

type Props = {
  node: SegmentNode;
  onChange: (n: SegmentNode) => void;
  onRemove?: () => void;
  data: PickerData;
  depth?: number;
};

const labelFor = (kind: string) => conditionCatalog.find((e) => e.kind === kind)?.label ?? kind;

/** One node of the rule tree: a group (all / any), a negation, or a condition, editable in place. */
export function RuleEditor({ node, onChange, onRemove, data, depth = 0 }: Props) {
  const remove = onRemove ? (
    <Button variant="ghost" aria-label="Remove" onClick={onRemove} className="px-2 py-1 text-xs">
      Remove
    </Button>
  ) : null;

  if (isNot(node)) {
    return (
      <div className="rounded-md border border-rose-200 bg-rose-50/40 p-2" data-testid="rule-not">
        <div className="mb-1 flex items-center gap-2 text-sm font-medium text-rose-800">
          Not
          <Button
            variant="ghost"
            className="px-2 py-1 text-xs"
            onClick={() => onChange(node.child)}
          >
            Remove negation
          </Button>
          {remove}
        </div>
        <RuleEditor
          node={node.child}
          onChange={(child) => onChange({ kind: "not", child })}
          data={data}
          depth={depth + 1}
        />
      </div>
    );
  }

  if (isGroup(node)) {
    const setChild = (i: number, child: SegmentNode) =>
      onChange({ ...node, children: node.children.map((c, k) => (k === i ? child : c)) });
    const removeChild = (i: number) =>
      onChange({ ...node, children: node.children.filter((_, k) => k !== i) });
    return (
      <div
        className={depth === 0 ? "space-y-2" : "space-y-2 rounded-md border border-slate-200 p-2"}
        role="group"
        aria-label={depth === 0 ? "Rules" : "Group"}
      >
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>Customers matching</span>
          <Select
            aria-label="Match"
            value={node.kind}
            onChange={(e) => onChange({ ...node, kind: e.target.value as "and" | "or" })}
          >
            <option value="and">all of</option>
            <option value="or">any of</option>
          </Select>
          <Select
            aria-label="Add condition"
            value=""
            onChange={(e) => {
              const entry = conditionCatalog.find((x) => x.kind === e.target.value);
              if (entry) onChange({ ...node, children: [...node.children, entry.make()] });
            }}
          >
            <option value="">+ Add condition…</option>
            {conditionCatalog.map((e) => (
              <option key={e.kind} value={e.kind}>
                {e.family}: {e.label}
              </option>
            ))}
          </Select>
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            onClick={() =>
              onChange({ ...node, children: [...node.children, { kind: "or", children: [] }] })
            }
          >
            + Group
          </Button>
          {remove}
        </div>
        {node.children.length === 0 ? (
          <p className="text-sm text-slate-500">
            {node.kind === "and"
              ? "No conditions: everyone matches."
              : 'An empty "any of" group matches no one.'}
          </p>
        ) : null}
        <ul className="space-y-2">
          {node.children.map((child, i) => (
            <li key={i}>
              <RuleEditor
                node={child}
                onChange={(n) => setChild(i, n)}
                onRemove={() => removeChild(i)}
                data={data}
                depth={depth + 1}
              />
            </li>
          ))}
        </ul>
      </div>
    );
  }

  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white p-2"
      data-testid="rule-condition"
    >
      <span className="text-sm font-medium">{labelFor(node.kind)}</span>
      <ConditionFields condition={node} onChange={onChange} data={data} />
      <Button
        variant="ghost"
        className="px-2 py-1 text-xs"
        onClick={() => onChange({ kind: "not", child: node })}
      >
        Negate
      </Button>
      {remove}
    </div>
  );
}
