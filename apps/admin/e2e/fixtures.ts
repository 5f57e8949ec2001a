import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { demoLogins, type DemoLogin } from "@boomerang/db/seed/demo-users";
import type { ExpectedFigures } from "./prepare";
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
