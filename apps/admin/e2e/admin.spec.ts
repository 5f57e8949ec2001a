import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

test("an admin adds a store manager who lands on their store, then deactivates them, and the audit log shows both", async ({
  page,
  browser,
}) => {
  await signIn(page, loginFor("admin"));
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Tina Torino");
  await form.getByLabel("Email").fill("tina@shop.test");
  await form.getByLabel("Role").selectOption("store_manager");
  await form.getByLabel("Store").selectOption({ label: "Boomerang Torino Crocetta" });
  await form.getByLabel("Temporary password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("alert")).toContainText("at least 10 characters");
  await form.getByLabel("Temporary password").fill("temporary-pass-1");
  await form.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId("user-tina@shop.test");
  await expect(row).toContainText("Tina Torino");

  // The new manager signs in with the temporary password and lands on their store.
  const other = await browser.newPage();
  await signIn(other, { email: "tina@shop.test", password: "temporary-pass-1" });
  await expect(other).toHaveURL(/\/stores\/\d+/);
  await expect(other.getByRole("heading", { level: 1, name: /Torino/ })).toBeVisible();
  await other.close();

  // The day (in the business's time zone, Europe/Rome) on both sides of the change: a run that
  // crosses midnight meanwhile filters on both days.
  const romeDay = () =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date());
  const dayBefore = romeDay();
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  const dayAfter = romeDay();

  await page.goto("/settings/audit?entity=user");
  const entries = page.getByRole("table", { name: "Audit entries" });
  await expect(entries).toContainText("user.created");
  await expect(entries).toContainText("user.deactivated");
  await expect(entries).not.toContainText("settings.updated");

  // Only today's changes, then a range without any.
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await filters.getByLabel("From").fill(dayBefore);
  await filters.getByLabel("To").fill(dayAfter);
  await filters.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`from=${dayBefore}&to=${dayAfter}`));
  await expect(entries).toContainText("user.deactivated");
  await page.goto("/settings/audit?entity=user&from=2000-01-01&to=2000-01-31");
  await expect(page.getByText("No changes match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(entries).toContainText("user.created");

  // The admin corrects her name and email; she signs in with the new email.
  await page.goto("/settings/users");
  await row.getByRole("button", { name: "Edit name and email of Tina Torino" }).click();
  const edit = row.getByRole("form", { name: "Name and email of Tina Torino" });
  await edit.getByLabel("Email").fill("admin@boomerang.demo");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("alert")).toContainText("Another account already uses that email");
  await edit.getByLabel("Name").fill("Tina Toriello");
  await edit.getByLabel("Email").fill("tina.toriello@shop.test");
  await edit.getByRole("button", { name: "Save" }).click();
  const renamed = page.getByTestId("user-tina.toriello@shop.test");
  await expect(renamed).toContainText("Tina Toriello");
  await page.goto("/settings/audit?entity=user&action=user.updated");
  await expect(entries).toContainText("tina.toriello@shop.test");
});

test("a password reset ends the sessions the user had open; the new password signs in", async ({
  page,
  browser,
}) => {
  await signIn(page, loginFor("admin"));
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Paola Prova");
  await form.getByLabel("Email").fill("paola@shop.test");
  await form.getByLabel("Role").selectOption("analyst");
  await form.getByLabel("Temporary password").fill("temporary-pass-2");
  await form.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId("user-paola@shop.test");
  await expect(row).toContainText("Paola Prova");

  const paola = await browser.newPage();
  await signIn(paola, { email: "paola@shop.test", password: "temporary-pass-2" });

  // Say her laptop was stolen: the admin sets a new password, and the open session ends.
  await row.getByLabel("New temporary password for Paola Prova").fill("temporary-pass-3");
  await row.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(row.getByRole("status")).toContainText("Temporary password set.");
  await paola.reload();
  await expect(paola.getByRole("heading", { name: "Please sign in again" })).toBeVisible();
  await paola.getByRole("button", { name: "Sign in again" }).click();
  await expect(paola).toHaveURL(/\/login/);
  await signIn(paola, { email: "paola@shop.test", password: "temporary-pass-3" });
  await paola.close();
});

test("the only admin cannot deactivate themselves", async ({ page }) => {
  const admin = loginFor("admin");
  await signIn(page, admin);
  await page.goto("/settings/users");
  const row = page.getByTestId(`user-${admin.email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("alert")).toContainText("last active admin");
  await expect(row).not.toContainText("Deactivated");
});

test("business settings refuse an unknown time zone and a new name shows across the app", async ({
  page,
}) => {
  await signIn(page, loginFor("admin"));
  await page.goto("/settings");
  const name = page.getByLabel("Business name");
  await expect(name).not.toHaveValue("");
  const original = await name.inputValue();

  await page.getByLabel("Time zone").fill("Europe/Atlantis");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "IANA time zone" })).toBeVisible();

  await page.reload();
  await page.getByLabel("Business name").fill("Bottega Test");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  try {
    await page.goto("/");
    await expect(page.getByText("Bottega Test").first()).toBeVisible();
  } finally {
    await page.goto("/settings");
    await page.getByLabel("Business name").fill(original);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toContainText("Saved");
  }
});
