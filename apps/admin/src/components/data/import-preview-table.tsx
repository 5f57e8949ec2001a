"use client";

import type { RouterOutputs } from "@boomerang/api";

type Preview = RouterOutputs["data"]["preview"];

/** Which column feeds each field (guessed from the header, changeable), the first rows and their problems. */
export function ImportPreviewTable({
  preview,
  mapping,
  onMappingChange,
}: {
  preview: Preview;
  mapping: Record<string, number | null>;
  onMappingChange: (mapping: Record<string, number | null>) => void;
}) {
  return (
    <div className="space-y-4">
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Columns</legend>
        {preview.fields.map((field) => (
          <label key={field.key} className="text-sm">
            <span className="block text-slate-600">
              {field.label}
              {field.required ? " *" : ""}
            </span>
            <select
              aria-label={`Column for ${field.label}`}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
              value={mapping[field.key] ?? ""}
              onChange={(e) =>
                onMappingChange({
                  ...mapping,
                  [field.key]: e.target.value === "" ? null : Number(e.target.value),
                })
              }
            >
              <option value="">— not in the file —</option>
              {preview.header.map((name, index) => (
                <option key={`${name}-${index}`} value={index}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs" aria-label="First rows of the file">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3">Line</th>
              {preview.header.map((name, index) => (
                <th key={`${name}-${index}`} className="py-1 pr-3">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              <tr key={i} className="border-t border-slate-100">
                <td className="py-1 pr-3 tabular-nums">{i + 2}</td>
                {preview.header.map((_, c) => (
                  <td key={c} className="py-1 pr-3">
                    {row[c] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.errors.length > 0 ? (
        <div
          role="status"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p className="font-medium">Problems in the first rows</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.errors.map((e, i) => (
              <li key={i}>
                Line {e.line}, {e.column}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-teal-800">
          The first rows look right. Every row is checked again during the import.
        </p>
      )}
    </div>
  );
}
