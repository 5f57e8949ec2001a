import { z } from "zod";
import {
  contactChannels,
  customerActivities,
  customerSorts,
  noCustomerFilters,
  type CustomerFilters,
} from "@boomerang/db";
import { rfmGroups } from "@boomerang/domain/segments";
import { recordId } from "../record-id";

const id = recordId;

/**
 * The filters of the customers list, shared by the tRPC procedure and the CSV export. `storeId` is
 * the home store; a store manager may leave it out or name their own.
 */
export const customerFiltersInput = z.object({
  search: z
    .string()
    .trim()
    .max(120, "Search for at most 120 characters.")
    .refine((text) => !text.includes("\u0000"), "Remove the NUL character from the search.")
    .nullish(),
  storeId: id.nullish(),
  rfmGroup: z.enum(rfmGroups, { message: "Choose one of the RFM groups." }).nullish(),
  preferredChannel: z
    .enum(contactChannels, { message: "Choose email, sms, messenger or push." })
    .nullish(),
  consent: z
    .enum([...contactChannels, "any", "none"], {
      message: "Choose a channel, any consent or no consent.",
    })
    .nullish(),
  activity: z
    .enum(customerActivities, { message: "Choose active, lapsed or never bought." })
    .nullish(),
});
export type CustomerFiltersInput = z.infer<typeof customerFiltersInput>;

export const CUSTOMER_PAGE_SIZES = [25, 50, 100] as const;

export const customerListInput = customerFiltersInput.extend({
  sort: z.enum(customerSorts).default("signedUp"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  page: z
    .number()
    .int()
    .min(1)
    .max(400, "Narrow the list with a search or filters to go further.")
    .default(1),
  pageSize: z
    .number()
    .int()
    .refine((n) => (CUSTOMER_PAGE_SIZES as readonly number[]).includes(n), {
      message: "Show 25, 50 or 100 customers per page.",
    })
    .default(25),
});
export type CustomerListInput = z.infer<typeof customerListInput>;

/** The database's filters from validated input, with the home store already checked against the caller's scope. */
export function toCustomerFilters(
  input: CustomerFiltersInput,
  homeStoreId: number | null,
): CustomerFilters {
  return {
    ...noCustomerFilters,
    search: input.search ? input.search : null,
    homeStoreId,
    rfmGroup: input.rfmGroup ?? null,
    preferredChannel: input.preferredChannel ?? null,
    consent: input.consent ?? null,
    activity: input.activity ?? null,
  };
}

/** Filters from a URL's query string (the export link), as the list page writes them. */
export function customerFiltersFromSearch(params: URLSearchParams) {
  const text = (key: string) => params.get(key) || undefined;
  const store = params.get("store");
  return customerFiltersInput.safeParse({
    search: text("q"),
    storeId: store ? Number(store) : undefined,
    rfmGroup: text("rfm"),
    preferredChannel: text("channel"),
    consent: text("consent"),
    activity: text("activity"),
  });
}
