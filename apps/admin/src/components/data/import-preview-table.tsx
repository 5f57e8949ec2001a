"use client";

import type { RouterOutputs } from "@boomerang/api";

type Preview = RouterOutputs["data"]["preview"];

/** 2025-06-07 → "7 June 2025": the month in words, so the reading cannot be mistaken. */
const formatDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** Which column feeds each field (guessed from the header, changeable), the first rows and their problems. */
export function ImportPreviewTable({
  preview,
  mapping,
  onMappingChange,
  encoding,
  onEncodingChange,
  onDateOrderChange,
}: {
  preview: Preview;
  mapping: Record<string, number | null>;
  onMappingChange: (mapping: Record<string, number | null>) => void;
  encoding: "utf-8" | "windows-1252";
  onEncodingChange: (encoding: "utf-8" | "windows-1252") => void;
  onDateOrderChange: (order: "day-first" | "month-first") => void;
}) {
  const { dates } = preview;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-2 text-sm">
        <label>
          <span className="block text-slate-600">Dates like 06/07/2025 are written</span>
          <select
            aria-label="Date order"
            className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={dates.used}
            onChange={(e) => onDateOrderChange(e.target.value as "day-first" | "month-first")}
          >
            <option value="day-first">Day first (30/06/2025)</option>
            <option value="month-first">Month first (06/30/2025)</option>
          </select>
        </label>
        <p className="text-slate-600" data-testid="date-reading">
          {dates.example === null
            ? "The first rows have no dates like 06/07/2025."
            : dates.example.day === null
              ? `${dates.example.field} "${dates.example.text}" is not a date read ${dates.used === "day-first" ? "day" : "month"} first`
              : `${dates.example.field} "${dates.example.text}" reads as ${formatDay(dates.example.day)}`}
          {dates.detected === null
            ? ""
            : dates.detected === dates.used
              ? " (as the file's dates show)."
              : " — but the file's dates look written the other way round."}
        </p>
        <label>
          <span className="block text-slate-600">Text</span>
          <select
            aria-label="Text encoding"
            className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={encoding}
            onChange={(e) => onEncodingChange(e.target.value as "utf-8" | "windows-1252")}
          >
            <option value="utf-8">UTF-8</option>
            <option value="windows-1252">Western European (Windows-1252)</option>
          </select>
        </label>
        {encoding === "windows-1252" ? (
          <p className="text-slate-600">
            Not UTF-8: read as Western European (Windows-1252), as spreadsheets on Windows save
            &quot;CSV&quot;. Check the accented names below.
          </p>
        ) : null}
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Columns</legend>
        {preview.fields.map((field) => (
          <label key={field.key} className="text-sm">
            <span className="block text-slate-600">
              {field.label}
              {field.required ? " *" : ""}
              {field.alternative !== null ? (
                <span className="text-slate-400">
                  {" "}
                  (or {preview.fields.find((f) => f.key === field.alternative)?.label.toLowerCase()}
                  )
                </span>
              ) : null}
              {field.orFrom.length > 0 ? (
                <span className="text-slate-400">
                  {" "}
                  (or{" "}
                  {field.orFrom
                    .map((key) => preview.fields.find((f) => f.key === key)?.label.toLowerCase())
                    .join(" + ")}
                  )
                </span>
              ) : null}
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
