import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";
import { demoLogins, type DemoLogin } from "@boomerang/db/seed/demo-users";
import type { ExpectedFigures, ExpectedWindow } from "./prepare";
import { expectedFile } from "./paths";

export const loginFor = (role: DemoLogin["role"], storeCode?: string): DemoLogin => {
  const login = demoLogins.find(
    (d) => d.role === role && (storeCode === undefined || d.storeCode === storeCode),
  );
  if (!login) throw new Error(`no demo login for ${role}`);
  return login;
};

export function expectedFigures(): ExpectedFigures {
  return JSON.parse(readFileSync(expectedFile, "utf8")) as ExpectedFigures;
}

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, login: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Store managers land on their store's page, everyone else on the Overview.
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

export const money = (minor: number) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(minor / 100);
export const count = (n: number) => new Intl.NumberFormat("en-GB").format(n);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Today's date (YYYY-MM-DD) in the business's time zone. */
const businessDay = (timezone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(new Date());

/**
 * Which default period a page shows, from the revenue it shows: the 30 days ending today or — only
 * when the run has crossed midnight in the business's time zone by then — the 30 days ending
 * tomorrow (prepare.ts computed both). Fails unless the figure is exactly that window's; the caller
 * then checks the other figures against the same window.
 */
export async function shownWindow(
  revenue: Locator,
  pick: (w: ExpectedWindow) => number,
): Promise<ExpectedWindow> {
  const { windows, timezone } = expectedFigures();
  // A figure followed by anything but more of a number (a cell may add "-4.0% vs previous").
  const shows = (w: ExpectedWindow) => new RegExp(`^${escapeRegExp(money(pick(w)))}(?![\\d.,])`);
  await expect(revenue).toHaveText(new RegExp(windows.map((w) => shows(w).source).join("|")));
  const text = (await revenue.textContent()) ?? "";
  const today = businessDay(timezone);
  const shown = windows.find((w) => shows(w).test(text));
  if (shown === undefined || (shown !== windows[0] && shown.today !== today))
    throw new Error(
      `the page shows ${text}, not the 30 days to ${windows[0]!.today} (${money(pick(windows[0]!))})` +
        (today === windows[0]!.today ? "" : ` or to ${today}`),
    );
  return shown;
}

/**
 * A downloaded CSV as text: it must start with a byte-order mark (so Excel reads UTF-8), which is
 * taken off.
 */
export async function downloadedCsv(path: string): Promise<string> {
  const bytes = await readFile(path);
  expect([...bytes.subarray(0, 3)], "a CSV starts with a byte-order mark").toEqual([
    0xef, 0xbb, 0xbf,
  ]);
  return bytes.subarray(3).toString("utf8");
}

/** A downloaded CSV's lines (ended with CRLF), without the empty one after the last. */
export async function downloadedCsvLines(path: string): Promise<string[]> {
  const lines = (await downloadedCsv(path)).split("\r\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
