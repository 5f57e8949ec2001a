import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

// Named to run last (one worker, files in order): it replaces the e2e database's data.
test("an admin replaces all data with fresh demo data after typing the confirmation, and the reset is audited", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, loginFor("admin"));
  await page.goto("/settings");
  const card = page
    .getByRole("note")
    .filter({ hasText: "Everything in the database is replaced." });
  await expect(card).toBeVisible();
  const replace = page.getByRole("button", { name: "Replace all data with demo data" });
  await expect(replace).toBeDisabled();
  await page.getByLabel("Customers to generate").fill("200");
  await page.getByLabel('Type "replace all data" to confirm').fill("replace");
  await expect(replace).toBeDisabled();
  await page.getByLabel('Type "replace all data" to confirm').fill("replace all data");
  await replace.click();
  // Progress while it runs (a small chain may already be done by the next poll).
  await expect(
    page.getByText(/Replacing all data with demo data…|Demo data loaded/).first(),
  ).toBeVisible();
  await expect(page.getByText(/Demo data loaded \(done: 200 customers/)).toBeVisible({
    timeout: 200_000,
  });

  // Every account was replaced: sign in again with the demo login.
  await page.getByRole("button", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, loginFor("admin"));
  await page.goto("/settings/audit");
  const entries = page.getByRole("table", { name: "Audit entries" });
  await expect(entries).toContainText("demo.reset");
});
