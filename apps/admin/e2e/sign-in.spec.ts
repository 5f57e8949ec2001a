import { expect, test } from "@playwright/test";
import { count, expectedFigures, loginFor, shownWindow, signIn } from "./fixtures";

test("a wrong password shows one clear error and keeps the visitor on the login page", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("analyst@boomerang.demo");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: /do not match an active account/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown email gets the very same message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@boomerang.demo");
  await page.getByLabel("Password").fill("whatever");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: /do not match an active account/ }),
  ).toBeVisible();
});

test("pages need a session: a signed-out visitor is sent to the login page", async ({ page }) => {
  await page.goto("/retention");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: /Demo logins/ })).toBeVisible();
});

test("the API refuses a caller without a session", async ({ request }) => {
  const response = await request.get(
    "/api/trpc/overview.get?input=" +
      encodeURIComponent(
        JSON.stringify({ json: { range: { from: "2025-01-01", to: "2025-01-31" } } }),
      ),
  );
  expect(response.status()).toBe(401);
});

const allNav = [
  "Overview",
  "Programs",
  "Segments",
  "Compare",
  "Retention",
  "Stores",
  "Customers",
  "Data",
  "Settings",
];
const roles = [
  { role: "admin" as const, label: "Admin", nav: allNav },
  { role: "marketer" as const, label: "Marketer", nav: allNav.filter((n) => n !== "Settings") },
  {
    role: "analyst" as const,
    label: "Analyst",
    nav: allNav.filter((n) => n !== "Settings" && n !== "Data"),
  },
];

for (const { role, label, nav } of roles) {
  test(`${label} signs in, sees the whole business's figures as the database has them, and signs out`, async ({
    page,
  }) => {
    const login = loginFor(role);
    await signIn(page, login);
    await expect(page.getByTestId("current-user")).toContainText(login.name);
    await expect(page.getByTestId("current-user")).toContainText(label);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(nav);

    const shown = await shownWindow(page.getByTestId("kpi-revenue-value"), (w) => w.all.revenue);
    await expect(page.getByTestId("kpi-orders-value")).toHaveText(count(shown.all.orders));
    await expect(page.getByTestId("kpi-active-customers-value")).toHaveText(
      count(shown.all.activeCustomers),
    );
    await expect(
      page.getByRole("img", { name: "Monthly revenue from new and returning customers" }),
    ).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("page requests never re-issue the session cookie, so one still in flight at sign-out cannot sign the user back in", async ({
  page,
}) => {
  await signIn(page, loginFor("marketer"));
  // Next prefetches the navigation's pages while the sign-out refreshes the screen; before, each of
  // those responses carried a fresh session cookie and could land after the sign-out deleted it.
  for (const path of ["/", "/programs", "/segments"]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    const cookies = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value);
    expect(cookies.filter((c) => c.includes("session-token"))).toEqual([]);
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/programs");
  await expect(page).toHaveURL(/\/login/);
});

test("a store manager sees only their store, cannot pick another, and cannot open admin pages", async ({
  page,
}) => {
  const login = loginFor("store_manager", "MIL01");
  await signIn(page, login);
  await expect(page).toHaveURL(/\/stores\/\d+/);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Overview" })
    .click();
  await expect(page.getByRole("heading", { name: /Overview · .*Milano/ })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Overview",
    "Programs",
    "Segments",
    "Retention",
    "Stores",
    "Customers",
  ]);
  await expect(page.getByLabel("Store")).toHaveCount(0);

  const expected = expectedFigures();
  const shown = await shownWindow(page.getByTestId("kpi-revenue-value"), (w) => w.milano.revenue);
  await expect(page.getByTestId("kpi-orders-value")).toHaveText(count(shown.milano.orders));

  // Asking for another store through the URL is refused by the API, not silently served.
  await page.goto(`/?from=${expected.from}&to=${expected.today}&store=${expected.otherStoreId}`);
  await expect(
    page.getByRole("alert").filter({ hasText: "only see their own store" }),
  ).toBeVisible();

  // Pages the role cannot use answer as if they did not exist.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the period picker changes the figures and keeps them in the URL", async ({ page }) => {
  await signIn(page, loginFor("analyst"));
  const before = await page.getByTestId("kpi-orders-value").textContent();
  await page.getByLabel("Period").selectOption("365d");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.getByTestId("kpi-orders-value")).not.toHaveText(before ?? "");
  await page.reload();
  await expect(page.getByLabel("Period")).toHaveValue("365d");
});
