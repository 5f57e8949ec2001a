import { z } from "zod";
import { rfmGroups } from "@boomerang/domain/segments";
import type { RouterInputs } from "@boomerang/api";

export type CustomerListInput = RouterInputs["customers"]["list"];

export const customerSortKeys = [
  "name",
  "signedUp",
  "orders",
  "revenue",
  "lastOrder",
  "predictedValue",
] as const;
export type CustomerSortKey = (typeof customerSortKeys)[number];
export const contactChannelKeys = ["email", "sms", "messenger", "push"] as const;
export const consentKeys = [...contactChannelKeys, "any", "none"] as const;
export const activityKeys = ["active", "lapsed", "never"] as const;
export const pageSizes = [25, 50, 100] as const;

/** What the list shows, as the URL holds it (so a filtered list can be shared by link). */
export type CustomerSearch = {
  q: string;
  store: number | null;
  rfm: (typeof rfmGroups)[number] | null;
  channel: (typeof contactChannelKeys)[number] | null;
  consent: (typeof consentKeys)[number] | null;
  activity: (typeof activityKeys)[number] | null;
  sort: CustomerSortKey;
  dir: "asc" | "desc";
  page: number;
  size: (typeof pageSizes)[number];
};

export const defaultCustomerSearch: CustomerSearch = {
  q: "",
  store: null,
  rfm: null,
  channel: null,
  consent: null,
  activity: null,
  sort: "signedUp",
  dir: "desc",
  page: 1,
  size: 25,
};

const fields = {
  q: z.string().trim().max(120),
  store: z.coerce.number().int().positive(),
  rfm: z.enum(rfmGroups),
  channel: z.enum(contactChannelKeys),
  consent: z.enum(consentKeys),
  activity: z.enum(activityKeys),
  sort: z.enum(customerSortKeys),
  dir: z.enum(["asc", "desc"]),
  page: z.coerce.number().int().min(1).max(400),
  size: z.coerce
    .number()
    .refine((n): n is (typeof pageSizes)[number] => (pageSizes as readonly number[]).includes(n)),
} satisfies { [K in keyof CustomerSearch]: z.ZodType };

/** The search from a URL's parameters; a value that does not parse falls back to its default. */
export function parseCustomerSearch(
  params: Record<string, string | string[] | undefined>,
): CustomerSearch {
  const out: Record<string, unknown> = { ...defaultCustomerSearch };
  for (const key of Object.keys(fields) as (keyof CustomerSearch)[]) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    const parsed = fields[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as CustomerSearch;
}

/** URL parameters for a search, leaving out every default so links stay short. */
export function customerSearchParams(search: CustomerSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(fields) as (keyof CustomerSearch)[]) {
    const value = search[key];
    if (value === null || value === defaultCustomerSearch[key]) continue;
    params.set(key, String(value));
  }
  return params;
}

export function toListInput(search: CustomerSearch): CustomerListInput {
  return {
    search: search.q || null,
    storeId: search.store,
    rfmGroup: search.rfm,
    preferredChannel: search.channel,
    consent: search.consent,
    activity: search.activity,
    sort: search.sort,
    direction: search.dir,
    page: search.page,
    pageSize: search.size,
  };
}

export const hasFilters = (search: CustomerSearch): boolean =>
  search.q !== "" ||
  search.store !== null ||
  search.rfm !== null ||
  search.channel !== null ||
  search.consent !== null ||
  search.activity !== null;

/** The CSV export of exactly the filtered customers (every page, in id order). */
export function customerExportHref(search: CustomerSearch): string {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  if (search.store !== null) params.set("store", String(search.store));
  if (search.rfm) params.set("rfm", search.rfm);
  if (search.channel) params.set("channel", search.channel);
  if (search.consent) params.set("consent", search.consent);
  if (search.activity) params.set("activity", search.activity);
  const query = params.toString();
  return `/api/exports/customers${query ? `?${query}` : ""}`;
}
