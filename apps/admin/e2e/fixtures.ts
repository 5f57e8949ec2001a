import { readFileSync } from "node:fs";
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

/**
 * Which default period a page shows, from the revenue it shows: the window ending today or, when the
 * run crosses midnight in the business's time zone, the one ending tomorrow. Fails unless the
 * figure is one of theirs; the caller then checks the other figures against that same window.
 */
export async function shownWindow(
  revenue: Locator,
  pick: (w: ExpectedWindow) => number,
): Promise<ExpectedWindow> {
  const { windows } = expectedFigures();
  const figures = windows.map((w) => money(pick(w)));
  await expect(revenue).toHaveText(new RegExp(`^(${figures.map(escapeRegExp).join("|")})`));
  const text = (await revenue.textContent()) ?? "";
  return windows.find((w) => text.startsWith(money(pick(w))))!;
}
