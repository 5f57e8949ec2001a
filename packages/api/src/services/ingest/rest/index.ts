export { handleIngestRequest, type IngestApiOptions } from "./handle-request";
export { openApiDocument } from "./openapi";
