export { programsExcludingCategories, UNCATEGORISED } from "./categories";
export { guessMapping, importFields } from "./columns";
export { errorReportCsv } from "./report-csv";
export {
  columnMapping,
  dateOrderInput,
  fileEncodingInput,
  importKindInput,
  type ColumnMapping,
  type FileEncoding,
  type ImportKind,
} from "./import-kind";
export { createImportJob, importStatus, listImports } from "./jobs";
export { previewImport, type ImportPreview } from "./preview";
export { runImport, MAX_REPORTED_ERRORS, type ImportOutcome } from "./run-import";
export { startImport, startImportInput } from "./start-import";
