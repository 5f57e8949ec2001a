import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

const toNumber = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

test("a marketer builds a segment, sees the count change, and saves it; an analyst can read it but not edit it", async ({
  browser,
}) => {
  // Two sign-ins and a dozen live counts on the embedded database: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const marketer = await browser.newPage();
  await signIn(marketer, loginFor("marketer"));
  await marketer
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Segments" })
    .click();
  await expect(marketer.getByRole("heading", { level: 1, name: "Segments" })).toBeVisible();
  await marketer.getByRole("link", { name: "New segment" }).click();

  // No conditions: everyone.
  const count = marketer.getByTestId("member-count");
  await expect(count).toBeVisible();
  const everyone = toNumber(await count.textContent());
  expect(everyone).toBeGreaterThan(1000);

  // The city picker offers the cities in the data.
  await marketer
    .getByRole("combobox", { name: "Add condition" })
    .first()
    .selectOption({ label: "Customer: City" });
  await marketer.getByRole("group", { name: "Cities" }).getByLabel("Milano").check();
  await expect.poll(async () => toNumber(await count.textContent())).toBeLessThan(everyone);
  const milano = toNumber(await count.textContent());
  expect(milano).toBeGreaterThan(0);

  await marketer
    .getByRole("combobox", { name: "Add condition" })
    .first()
    .selectOption({ label: "Behaviour: Number of orders" });
  await marketer.getByRole("spinbutton", { name: "Orders from" }).fill("3");
  await expect.poll(async () => toNumber(await count.textContent())).toBeLessThan(milano);

  // Why is the first sample member in it?
  await marketer.getByRole("button", { name: "Why?" }).first().click();
  await expect(
    marketer.getByRole("region", { name: "Why this customer is in the segment" }),
  ).toContainText("✓ Lives in Milano");

  await marketer.getByLabel("Name").fill("Milano regulars (e2e)");
  await marketer.getByRole("button", { name: "Save segment" }).click();
  await expect(marketer).toHaveURL(/\/segments\/\d+$/);
  await expect(marketer.getByText("Version 1")).toBeVisible();
  const url = marketer.url();

  await marketer.goto("/segments");
  await expect(marketer.getByRole("table", { name: "Saved segments" })).toContainText(
    "Milano regulars (e2e)",
  );

  const analyst = await browser.newPage();
  await signIn(analyst, loginFor("analyst"));
  await analyst.goto(url);
  await expect(analyst.getByLabel("Name")).toBeDisabled();
  await expect(analyst.getByText("Your role can read segments but not change them.")).toBeVisible();
  await expect(analyst.getByRole("button", { name: /save/i })).toHaveCount(0);
  await analyst.getByRole("button", { name: "Show SQL" }).click();
  await expect(analyst.getByLabel("Generated SQL")).toContainText("customer_features");
});

test("a marketer targets Punti Boomerang members with at least 500 points, sees the 12-week trend, and restores an older version", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, loginFor("marketer"));
  await page.goto("/segments/new");
  const count = page.getByTestId("member-count");
  await expect(count).toBeVisible();
  const everyone = toNumber(await count.textContent());

  const pickPunti = async (nth: number) => {
    const program = page.getByRole("combobox", { name: "Program" }).nth(nth);
    const value = await program
      .locator("option", { hasText: "Punti Boomerang" })
      .getAttribute("value");
    await program.selectOption(value!);
  };
  await page
    .getByRole("combobox", { name: "Add condition" })
    .first()
    .selectOption({ label: "Programs: Member / control group of a program" });
  await pickPunti(0);
  await expect.poll(async () => toNumber(await count.textContent())).toBeLessThan(everyone);
  const members = toNumber(await count.textContent());
  expect(members).toBeGreaterThan(0);

  await page
    .getByRole("combobox", { name: "Add condition" })
    .first()
    .selectOption({ label: "Programs: Points balance in a program" });
  await pickPunti(1);
  await expect(page.getByRole("spinbutton", { name: "Points balance from" })).toHaveValue("500");
  await expect.poll(async () => toNumber(await count.textContent())).toBeLessThan(members);
  const rich = toNumber(await count.textContent());
  expect(rich).toBeGreaterThan(0);

  await page.getByLabel("Name").fill("Punti 500+ (e2e)");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  const url = page.url();
  const id = Number(url.split("/").at(-1));

  // Version 2 asks for 1,000 points; then version 1 is restored as version 3.
  await page.getByRole("spinbutton", { name: "Points balance from" }).fill("1000");
  await expect.poll(async () => toNumber(await count.textContent())).toBeLessThan(rich);
  await page.getByRole("button", { name: "Review and save" }).click();
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByText("Version 2")).toBeVisible();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions).toContainText("Points balance at least 1000");
  await versions.getByRole("button", { name: "Restore v1" }).click();
  await expect(page.getByText("Version 3")).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Points balance from" })).toHaveValue("500");
  await expect(versions.getByRole("row").nth(1)).toContainText("v3");
  const newest = versions.getByRole("row").nth(1).getByRole("cell");
  await expect.poll(async () => toNumber(await newest.nth(5).textContent())).toBe(rich);

  await page.goto("/segments");
  const trend = page.getByTestId(`trend-${id}`);
  await expect(trend).toContainText("→");
  await expect(trend.getByRole("img")).toHaveAttribute(
    "aria-label",
    new RegExp(`^Punti 500\\+ \\(e2e\\): [\\d,.]+ members 12 weeks ago, [\\d,.]+ now$`),
  );
});
