import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone, relativeTime } from "./customer-format";
import {
  customerExportHref,
  customerSearchParams,
  defaultCustomerSearch,
  parseCustomerSearch,
  toListInput,
} from "./customer-search";

describe("customers URL parameters", () => {
  it("defaults to everyone, newest sign-ups first, 25 a page", () => {
    expect(parseCustomerSearch({})).toEqual(defaultCustomerSearch);
    expect(customerSearchParams(defaultCustomerSearch).toString()).toBe("");
  });

  it("round-trips every filter, and drops values that do not parse", () => {
    const search = parseCustomerSearch({
      q: " anna ",
      store: "3",
      rfm: "at_risk",
      channel: "sms",
      consent: "none",
      activity: "lapsed",
      sort: "revenue",
      dir: "asc",
      page: "4",
      size: "100",
    });
    expect(search).toEqual({
      q: "anna",
      store: 3,
      rfm: "at_risk",
      channel: "sms",
      consent: "none",
      activity: "lapsed",
      sort: "revenue",
      dir: "asc",
      page: 4,
      size: 100,
    });
    expect(parseCustomerSearch(Object.fromEntries(customerSearchParams(search)))).toEqual(search);
    expect(
      parseCustomerSearch({ store: "x", rfm: "royalty", size: "7", page: "0", sort: "email" }),
    ).toEqual(defaultCustomerSearch);
  });

  it("asks the API and the export for the same customers", () => {
    const search = { ...defaultCustomerSearch, q: "rossi", store: 2, consent: "email" as const };
    expect(toListInput(search)).toMatchObject({
      search: "rossi",
      storeId: 2,
      consent: "email",
      rfmGroup: null,
      page: 1,
      pageSize: 25,
    });
    expect(customerExportHref(search)).toBe("/api/exports/customers?q=rossi&store=2&consent=email");
    expect(customerExportHref(defaultCustomerSearch)).toBe("/api/exports/customers");
  });
});

describe("contact details shown in the list", () => {
  it("hides most of an email and a phone number", () => {
    expect(maskEmail("anna.bianchi@example.com")).toBe("an***@example.com");
    expect(maskEmail("a@x.it")).toBe("***@x.it");
    expect(maskPhone("+39 333 1234567")).toBe("+** *** ****567");
    expect(maskPhone("12")).toBe("***");
  });

  it("says how long ago in words", () => {
    const now = new Date("2025-07-01T12:00:00Z");
    expect(relativeTime(new Date("2025-06-28T12:00:00Z"), now, "en-GB")).toBe("3 days ago");
    expect(relativeTime(new Date("2025-06-30T12:00:00Z"), now, "en-GB")).toBe("yesterday");
    expect(relativeTime(new Date("2024-07-01T12:00:00Z"), now, "en-GB")).toBe("last year");
  });
});
