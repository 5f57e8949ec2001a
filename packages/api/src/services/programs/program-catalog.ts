import { fieldsOf, programTypes, summarizeProgram } from "@boomerang/domain/programs";
import { rowOwnedParams } from "./program-input";

const rowOwned: readonly string[] = rowOwnedParams;

/**
 * The catalog page and the form's metadata: every type with its explanation, its typical
 * (default) configuration in one line, and the fields of its own parameters. Serialisable.
 */
export function programCatalog() {
  return [...programTypes.values()].map((type) => {
    const typical = summarizeProgram(type.id, {});
    return {
      id: type.id,
      name: type.name,
      description: type.description,
      strengths: [...type.strengths],
      weaknesses: [...type.weaknesses],
      typical: typical.ok ? typical.value : null,
      fields: fieldsOf(type.schema).filter((f) => !rowOwned.includes(f.key)),
    };
  });
}
