import { expect, test, type Page } from "@playwright/test";
import { downloadedCsv, loginFor, signIn } from "./fixtures";

const toNumber = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));
const csvRows = (text: string) => text.trim().split("\r\n").slice(1);

/** Saves a segment through the same tRPC endpoint the builder uses (the builder has its own spec). */
async function createSegment(page: Page, name: string, rules: unknown): Promise<number> {
  const response = await page.request.post("/api/trpc/segments.create", {
    data: { json: { name, description: "", rules } },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { id: number } } } }).result.data
    .json.id;
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return downloadedCsv((await file.path())!);
}

test("a marketer freezes a snapshot, exports members by channel, and compares segments; a store manager gets their store only", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const marketer = await browser.newPage();
  await signIn(marketer, loginFor("marketer"));
  const milano = await createSegment(marketer, "Sharing: Milano (e2e)", {
    kind: "city",
    values: ["Milano"],
  });
  const consenting = await createSegment(marketer, "Sharing: email consent (e2e)", {
    kind: "consent",
    channel: "email",
  });

  // Freeze a snapshot on the segment page and see it listed with its member count.
  await marketer.goto(`/segments/${milano}`);
  const count = marketer.getByTestId("member-count");
  await expect(count).toBeVisible();
  await expect.poll(async () => toNumber(await count.textContent())).toBeGreaterThan(0);
  const members = toNumber(await count.textContent());
  await expect(marketer.getByText("No snapshots yet")).toBeVisible();
  await marketer.getByLabel("Note for the snapshot").fill("June newsletter");
  await marketer.getByRole("button", { name: "Freeze members now" }).click();
  const snapshots = marketer.getByRole("table", { name: "Snapshots" });
  await expect(snapshots).toContainText("June newsletter");
  const row = snapshots.getByRole("row").filter({ hasText: "June newsletter" });
  await expect(row).toContainText(new Intl.NumberFormat("en-GB").format(members));

  // The snapshot's CSV, asked for with every member, holds exactly its members.
  await marketer.getByLabel("CSV of a snapshot").selectOption("all");
  const frozen = await download(marketer, () => row.getByRole("link", { name: "CSV" }).click());
  expect(frozen.split("\r\n")[0]).toBe("customer_id,name,email,phone");
  expect(csvRows(frozen)).toHaveLength(members);

  // Export: by default only the ones consenting to email (each with an address); every member
  // when asked for.
  const exportLink = marketer.getByRole("link", { name: "Export members (CSV)" });
  const email = csvRows(await download(marketer, () => exportLink.click()));
  await marketer.getByLabel("Channel").selectOption("all");
  const all = csvRows(await download(marketer, () => exportLink.click()));
  expect(all).toHaveLength(members);
  expect(email.length).toBeGreaterThan(0);
  expect(email.length).toBeLessThan(all.length);
  for (const line of email) expect(line.split(",")[2]).toContain("@");

  // Overlap of the two segments, linked from the list.
  await marketer.goto("/segments");
  await marketer.getByRole("link", { name: "Compare overlap" }).click();
  await expect(marketer.getByRole("heading", { level: 1, name: "Segment overlap" })).toBeVisible();
  await marketer.getByLabel("A: First segment").selectOption({ label: "Sharing: Milano (e2e)" });
  await marketer
    .getByLabel("B: Second segment")
    .selectOption({ label: "Sharing: email consent (e2e)" });
  const regions = marketer.getByRole("table", { name: "Overlap regions" });
  await expect(regions.getByRole("row")).toHaveCount(5);
  const cell = async (label: string) =>
    toNumber(
      await regions
        .getByRole("row")
        .filter({ hasText: label })
        .getByRole("cell")
        .nth(3)
        .textContent(),
    );
  const both = await cell("In all (A ∩ B)");
  const onlyA = await cell("A only");
  // Milano's members split into those consenting to email and the rest.
  expect(both + onlyA).toBe(members);
  expect(both).toBe(email.length);
  await expect(
    marketer.getByRole("img", { name: "Customers in each overlap region" }),
  ).toBeVisible();

  // Store manager: the export and the overlap are limited to their store. Email consent spans
  // every store, so the manager's export is a strict part of the marketer's.
  const everywhere = csvRows(
    await (
      await marketer.request.get(`/api/exports/segment-members?segmentId=${consenting}&channel=all`)
    ).text(),
  );
  const manager = await browser.newPage();
  await signIn(manager, loginFor("store_manager"));
  const own = await manager.request.get(
    `/api/exports/segment-members?segmentId=${consenting}&channel=all`,
  );
  expect(own.status()).toBe(200);
  const ownRows = csvRows(await own.text());
  expect(ownRows.length).toBeGreaterThan(0);
  expect(ownRows.length).toBeLessThan(everywhere.length);
  const everywhereSet = new Set(everywhere);
  expect(ownRows.filter((line) => !everywhereSet.has(line))).toEqual([]);
  await manager.goto("/segments/overlap");
  await expect(manager.getByText("Counts cover your store's customers only.")).toBeVisible();
  await manager.getByLabel("A: First segment").selectOption({ label: "Sharing: Milano (e2e)" });
  await manager
    .getByLabel("B: Second segment")
    .selectOption({ label: "Sharing: email consent (e2e)" });
  const managerRegions = manager.getByRole("table", { name: "Overlap regions" });
  await expect(managerRegions.getByRole("row")).toHaveCount(5);
  const managerCell = async (label: string) =>
    toNumber(
      await managerRegions
        .getByRole("row")
        .filter({ hasText: label })
        .getByRole("cell")
        .nth(3)
        .textContent(),
    );
  expect((await managerCell("In all (A ∩ B)")) + (await managerCell("B only"))).toBe(
    ownRows.length,
  );
  // Store managers cannot freeze or delete snapshots.
  await manager.goto(`/segments/${milano}`);
  await expect(manager.getByRole("table", { name: "Snapshots" })).toContainText("June newsletter");
  await expect(manager.getByRole("button", { name: "Freeze members now" })).toHaveCount(0);
  await expect(manager.getByRole("button", { name: /Delete the snapshot/ })).toHaveCount(0);

  // The route refuses the signed out, bad parameters and unknown segments or snapshots.
  const anonymous = await browser.newContext();
  expect(
    (await anonymous.request.get(`/api/exports/segment-members?segmentId=${milano}`)).status(),
  ).toBe(401);
  await anonymous.close();
  expect(
    (await marketer.request.get(`/api/exports/segment-members?segmentId=x&channel=fax`)).status(),
  ).toBe(400);
  expect(
    (
      await marketer.request.get(`/api/exports/segment-members?segmentId=999999&channel=sms`)
    ).status(),
  ).toBe(404);
  // The channel is said every time, once: a marketing list is never "everyone" by default.
  const noChannel = await marketer.request.get(`/api/exports/segment-members?segmentId=${milano}`);
  expect(noChannel.status()).toBe(400);
  expect(((await noChannel.json()) as { error: { message: string } }).error.message).toMatch(
    /channel/,
  );
  const twice = await marketer.request.get(
    `/api/exports/segment-members?segmentId=${milano}&channel=email&channel=all`,
  );
  expect(twice.status()).toBe(400);
  expect(((await twice.json()) as { error: { message: string } }).error.message).toBe(
    "Give channel once; it was given 2 times.",
  );
  expect(
    (
      await marketer.request.get(
        `/api/exports/segment-members?segmentId=${milano}&snapshotId=999999&channel=email`,
      )
    ).status(),
  ).toBe(404);

  // Deleting the snapshot removes it from the list.
  await marketer.goto(`/segments/${milano}`);
  marketer.once("dialog", (dialog) => void dialog.accept());
  await marketer.getByRole("button", { name: /Delete the snapshot/ }).click();
  await expect(marketer.getByText("No snapshots yet")).toBeVisible();
});
