import { formatMinor } from "../money";

/** Wording shared by every summary, so all types read the same way. */
export const money = (minor: number): string => formatMinor(minor);
export const percent = (value: number): string => `${value}%`;
export const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
export const days = (n: number): string =>
  n % 365 === 0 ? count(n / 365, "year") : count(n, "day");
export const join = (parts: readonly (string | false | null | undefined)[]): string =>
  parts.filter((part): part is string => typeof part === "string" && part.length > 0).join(", ");
