/**
 * Services throw AppError for expected failures; the tRPC layer maps `kind` to an HTTP-ish code in
 * one place (trpc.ts), so no procedure needs its own try/catch.
 */
export type AppErrorKind = "not_found" | "forbidden" | "conflict" | "invalid" | "unauthenticated";

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const forbidden = (message: string) => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new AppError("invalid", message, details);
