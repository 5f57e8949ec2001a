import { describe, expect, it } from "vitest";
import { isLocalDatabaseUrl } from "./local-url";

describe("isLocalDatabaseUrl", () => {
  it.each([
    "postgres://postgres@localhost:5432/app",
    "postgres://postgres@127.0.0.1:55432/postgres",
    "postgresql://u:p@[::1]:5432/app",
    "postgres://u@/app?host=/var/run/postgresql",
    "postgres://u@%2Fvar%2Frun%2Fpostgresql/app",
  ])("accepts %s", (url) => expect(isLocalDatabaseUrl(url)).toBe(true));

  it.each([
    "postgres://u@db.example.com:5432/app",
    "postgres://u@10.0.0.5/app",
    "postgres://u@localhost/app?host=db.example.com",
    "not a url",
  ])("refuses %s", (url) => expect(isLocalDatabaseUrl(url)).toBe(false));
});
