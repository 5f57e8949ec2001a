import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

// Named to run last (one worker, files in order): it replaces the e2e database's data.
test("an admin replaces all data with fresh demo data after typing the confirmation, and the reset is audited", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // An analyst's session from before the reset: the demo analyst that replaces their account
  // (whatever its id) is a different account, so that session ends.
  const analyst = await browser.newPage();
  await signIn(analyst, loginFor("analyst"));
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

  // The demo admin who started it carries on signed in; the audit log records the reset.
  await expect(page.getByText("you carry on as the demo admin")).toBeVisible();
  await page.goto("/settings/audit");
  const entries = page.getByRole("table", { name: "Audit entries" });
  await expect(entries).toContainText("demo.reset");

  await analyst.reload();
  await expect(analyst.getByRole("heading", { name: "Please sign in again" })).toBeVisible();
  await analyst.getByRole("button", { name: "Sign in again" }).click();
  await expect(analyst).toHaveURL(/\/login/);
  await signIn(analyst, loginFor("analyst"));
  await analyst.close();
});
