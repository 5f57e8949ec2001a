import { z } from "zod";

/** Units the designer form shows next to an input and uses to convert what the marketer types. */
export type FieldUnit =
  "points" | "%" | "minor currency units" | "days" | "date" | "count" | "grams" | "text";

/** Attached to each parameter with `.meta(field({...}))`, so the schema is the only source. */
// A type alias, not an interface: zod's meta() wants an object with an implicit index signature.
export type FieldMeta = {
  readonly label: string;
  readonly unit?: FieldUnit;
  readonly help?: string;
};

export const field = (meta: FieldMeta): FieldMeta => meta;

export type FieldKind = "integer" | "number" | "boolean" | "string" | "enum" | "list" | "object";

/** A serialisable description of one form field, read back from a type's zod schema. */
export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly label: string;
  readonly unit: FieldUnit | null;
  readonly help: string | null;
  readonly default: unknown;
  readonly nullable: boolean;
  readonly min: number | null;
  readonly max: number | null;
  /** enum options, and for a list of enums the allowed item values. */
  readonly options: readonly string[] | null;
  /** list of objects: the fields of one item; list of scalars: one spec with key "item". */
  readonly item: readonly FieldSpec[] | FieldSpec | null;
}

type Json = { [key: string]: unknown };

const asJson = (value: unknown): Json =>
  typeof value === "object" && value !== null ? (value as Json) : {};
const num = (value: unknown): number | null =>
  typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : null;
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

const kindOf = (node: Json): FieldKind => {
  if (Array.isArray(node.enum)) return "enum";
  switch (node.type) {
    case "integer":
    case "number":
    case "boolean":
    case "string":
    case "object":
      return node.type;
    case "array":
      return "list";
    default:
      return "string";
  }
};

const specOf = (key: string, raw: Json): FieldSpec => {
  // nullable(x) becomes anyOf [x, null]; the form shows x with an "empty" option.
  const anyOf = Array.isArray(raw.anyOf) ? raw.anyOf.map(asJson) : null;
  const inner = anyOf?.find((option) => option.type !== "null") ?? raw;
  const node = { ...inner, ...raw };
  const kind = kindOf(inner);
  const items = asJson(inner.items);
  let item: FieldSpec["item"] = null;
  if (kind === "list") item = items.type === "object" ? fieldsOfJson(items) : specOf("item", items);
  if (kind === "object") item = fieldsOfJson(inner);
  const options = Array.isArray(inner.enum)
    ? inner.enum.map(String)
    : kind === "list" && Array.isArray(items.enum)
      ? items.enum.map(String)
      : null;
  return {
    key,
    kind,
    label: str(node.label) ?? key,
    unit: (str(node.unit) as FieldUnit | null) ?? null,
    help: str(node.help),
    default: node.default,
    nullable: anyOf !== null,
    min: num(inner.minimum) ?? num(inner.minItems),
    max: num(inner.maximum) ?? num(inner.maxItems),
    options,
    item,
  };
};

const fieldsOfJson = (objectNode: Json): FieldSpec[] =>
  Object.entries(asJson(objectNode.properties)).map(([key, value]) => specOf(key, asJson(value)));

/** Form fields of a parameter schema, in declaration order (common rules first). */
export const fieldsOf = (schema: z.ZodType): FieldSpec[] =>
  fieldsOfJson(asJson(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })));
