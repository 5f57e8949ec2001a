"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
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
import { ImportPreviewTable } from "./import-preview-table";
import { ImportProgress } from "./import-progress";
import { decodeSample, isUtf8, readSample } from "./read-sample";

type Kind = "customers" | "orders" | "events";
const SAMPLE_BYTES = 64 * 1024;
type DateOrder = "day-first" | "month-first";
type Encoding = "utf-8" | "windows-1252";

const kindHelp: Record<Kind, string> = {
  customers: "One row per customer. Importing again with the same customer ids updates them.",
  orders:
    "One row per item; the rows of an order share its order id, customer (id or email), date and store.",
  events: "One row per event (visit, review, message opened, …) with its own id.",
};

/** Upload a CSV: choose what it holds, check the column mapping and the first rows, then import. */
export function ImportPanel({ locale }: { locale: string }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>("customers");
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState<string | null>(null);
  const [sampleBytes, setSampleBytes] = useState<Uint8Array | null>(null);
  const [encoding, setEncoding] = useState<Encoding>("utf-8");
  // Whether the person chose the encoding (else it follows the file's bytes, checked in full on upload).
  const [encodingChosen, setEncodingChosen] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null> | null>(null);
  // Null: as the preview finds it (the file's dates, else the business's locale).
  const [dateOrder, setDateOrder] = useState<DateOrder | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  const preview = useQuery(
    trpc.data.preview.queryOptions(
      {
        kind,
        sample: sample ?? "",
        ...(mapping === null ? {} : { mapping }),
        ...(dateOrder === null ? {} : { dateOrder }),
      },
      { enabled: sample !== null },
    ),
  );
  const effectiveMapping = mapping ?? preview.data?.guessedMapping ?? null;
  const missingRequired = preview.data?.missing ?? [];

  const choose = async (chosen: File | null) => {
    setFile(null);
    setMapping(null);
    setDateOrder(null);
    setJobId(null);
    setUploadError(null);
    setFileError(null);
    setSample(null);
    setEncodingChosen(false);
    if (chosen === null) return;
    const bytes = new Uint8Array(await chosen.slice(0, SAMPLE_BYTES).arrayBuffer());
    const read = readSample(bytes);
    if (!read.ok) {
      setFileError(read.message);
      return;
    }
    setFile(chosen);
    setSampleBytes(bytes);
    setEncoding(read.encoding);
    setSample(read.text);
  };

  const chooseEncoding = (chosen: Encoding) => {
    setEncoding(chosen);
    setEncodingChosen(true);
    if (sampleBytes !== null) setSample(decodeSample(sampleBytes, chosen));
  };

  const start = async () => {
    if (file === null || effectiveMapping === null) return;
    setUploading(true);
    setUploadError(null);
    // The sample looked UTF-8; an Excel "CSV" can still hold its first "é" thousands of rows on.
    let sent = encoding;
    if (!encodingChosen && encoding === "utf-8" && !(await isUtf8(file.stream()))) {
      sent = "windows-1252";
      setEncoding(sent);
    }
    const params = new URLSearchParams({
      kind,
      fileName: file.name,
      mapping: JSON.stringify(effectiveMapping),
      encoding: sent,
      ...(preview.data ? { dateOrder: preview.data.dates.used } : {}),
    });
    try {
      const response = await fetch(`/api/imports?${params.toString()}`, {
        method: "POST",
        body: file,
        headers: { "content-type": "text/csv" },
      });
      // A server failure may answer without JSON: say what the status means instead.
      const body = (await response.json().catch(() => ({}))) as {
        jobId?: number;
        error?: { message: string };
      };
      if (!response.ok || body.jobId === undefined)
        setUploadError(
          body.error?.message ??
            (response.status === 413
              ? "The file is larger than the server accepts; split it into smaller files."
              : `The server could not take the file (${response.status}); try again in a moment.`),
        );
      else setJobId(body.jobId);
    } catch {
      setUploadError("The upload did not reach the server; check the connection and try again.");
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card>
      <CardHeader
        title="Import from CSV"
        description="A file imports completely or not at all; importing the same file again changes nothing."
      />
      <CardBody className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="The file holds" htmlFor="import-kind" hint={kindHelp[kind]}>
            <Select
              id="import-kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setMapping(null);
              }}
            >
              <option value="customers">Customers</option>
              <option value="orders">Orders with items</option>
              <option value="events">Events</option>
            </Select>
          </Field>
          <Field
            label="CSV file"
            htmlFor="import-file"
            hint="Comma-separated with a header row, as spreadsheets save CSV; dates like 2025-06-30, 30/06/2025 or 06/30/2025, amounts like 12.50."
          >
            <Input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
          </Field>
        </div>
        {fileError ? (
          <ErrorNotice title="This file cannot be imported">{fileError}</ErrorNotice>
        ) : null}
        {preview.error ? (
          <ErrorNotice title="Could not read the file">{preview.error.message}</ErrorNotice>
        ) : null}
        {preview.data && effectiveMapping ? (
          <ImportPreviewTable
            preview={preview.data}
            mapping={effectiveMapping}
            onMappingChange={setMapping}
            encoding={encoding}
            onEncodingChange={chooseEncoding}
            onDateOrderChange={setDateOrder}
          />
        ) : null}
        {file !== null && preview.data ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => void start()} disabled={uploading || missingRequired.length > 0}>
              {uploading ? "Uploading…" : `Import ${file.name}`}
            </Button>
            {missingRequired.length > 0 ? (
              <p className="text-sm text-amber-800">
                Choose a column for: {missingRequired.join(", ")}.
              </p>
            ) : null}
          </div>
        ) : null}
        {file !== null && preview.data?.uncategorised ? (
          <div
            className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
            data-testid="category-notice"
          >
            <p>
              No column gives the items&apos; category. Each item takes the category this business
              recorded before for its SKU, else &ldquo;{preview.data.uncategorised.category}&rdquo;;
              segments by category see them so. Choose a column for Category if the file has one.
            </p>
            {preview.data.uncategorised.programs.length > 0 ? (
              <ul className="mt-2 list-disc pl-5">
                {preview.data.uncategorised.programs.map((p) => (
                  <li key={p.name}>
                    {p.name} leaves out {p.excluded.join(", ")}: such items new to the business
                    would count in it.
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {uploadError ? (
          <ErrorNotice title="The import did not start">{uploadError}</ErrorNotice>
        ) : null}
        {jobId !== null ? <ImportProgress key={jobId} jobId={jobId} locale={locale} /> : null}
      </CardBody>
    </Card>
  );
}
