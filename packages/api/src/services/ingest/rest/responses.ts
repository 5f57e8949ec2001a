import { ZodError } from "zod";
import { AppError, type AppErrorKind } from "../../../errors";
import { refusedInput } from "../transaction";

const statusFor: Record<AppErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

const codeFor: Record<number, string> = {
  400: "invalid_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

export type ApiIssue = { path: string; message: string };

export const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

export const apiError = (
  status: number,
  message: string,
  issues: ApiIssue[] = [],
  headers: Record<string, string> = {},
): Response =>
  json(status, { error: { code: codeFor[status] ?? "error", message, issues } }, headers);

const pathOf = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? "(body)" : path.map(String).join(".");

export type ApiErrorBody = { code: string; message: string; issues: ApiIssue[] };

/** An expected failure as a status and error body; null for anything else (a server error). */
export function errorBodyOf(error: unknown): { status: number; error: ApiErrorBody } | null {
  const body = (status: number, message: string, issues: ApiIssue[] = []) => ({
    status,
    error: { code: codeFor[status] ?? "error", message, issues },
  });
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
    return body(400, issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
  }
  if (error instanceof AppError) return body(statusFor[error.kind], error.message);
  // Backstop for values the schemas let through but PostgreSQL cannot store (a NUL character in
  // text, a year out of its range): still the caller's input, so a 400 rather than a 500. Other
  // data errors are the server's own (the same rule as tRPC's and the exports', `refusedInput`).
  if (refusedInput(error))
    return body(
      400,
      "A value in the request cannot be stored (out of range or containing a NUL character).",
    );
  return null;
}

/** Expected failures become 4xx with what is wrong; anything else is rethrown for the server to log. */
export function errorResponse(error: unknown): Response {
  const expected = errorBodyOf(error);
  if (expected === null) throw error;
  return json(expected.status, { error: expected.error });
}
