import type { ImportKind } from "./import-kind";

export type FieldType =
  | { kind: "text"; max: number }
  | { kind: "email" }
  | { kind: "money" }
  | { kind: "count" }
  | { kind: "instant" }
  | { kind: "day" }
  | { kind: "flag" }
  | { kind: "currency" }
  | { kind: "choice"; values: readonly string[] };

/** One field the import knows, what the file's header may call it, and its staging column type. */
export type ImportField = {
  key: string;
  label: string;
  required: boolean;
  type: FieldType;
  sqlType: "text" | "bigint" | "int" | "timestamptz" | "date" | "boolean";
  aliases: readonly string[];
  /**
   * Text fields whose values, joined by a space, stand in for this one when its cell is empty or
   * its column not mapped (a name from "First Name" and "Last Name"), when every one of them has a
   * column (a first name alone would overwrite stored full names): it is required only when they
   * are empty too.
   */
  orFrom?: readonly string[];
  /**
   * A field that identifies the same thing another way (an order's customer by email, as shop
   * exports name them): with a column for it, this field may be left out or empty on a row that
   * has it; the database resolves it (`resolveCustomerEmails`).
   */
  alternative?: string;
  /**
   * Header names that mean this field only in a file that also has the given column: in a shop
   * export with "Lineitem name", "Name" is the order number, not the item.
   */
  aliasesWith?: readonly { alias: string; when: string }[];
};

const text = (max = 300): FieldType => ({ kind: "text", max });
const f = (
  key: string,
  label: string,
  required: boolean,
  type: FieldType,
  sqlType: ImportField["sqlType"],
  aliases: string[] = [],
): ImportField => ({
  key,
  label,
  required,
  type,
  sqlType,
  aliases,
});

export const importFields: Record<ImportKind, readonly ImportField[]> = {
  customers: [
    f("externalId", "Customer id", true, text(200), "text", [
      "customer_id",
      "customer id",
      "id",
      "external_id",
      "customer",
      "code",
    ]),
    {
      ...f("name", "Name", true, text(), "text", ["full_name", "customer_name"]),
      orFrom: ["firstName", "lastName"],
    },
    // Shop exports split the name: the two are joined into it when the file has no full name.
    f("firstName", "First name", false, text(), "text", ["first", "given_name", "forename"]),
    f("lastName", "Last name", false, text(), "text", [
      "last",
      "surname",
      "family_name",
      "second_name",
    ]),
    f("email", "Email", false, { kind: "email" }, "text", ["e-mail", "mail", "email_address"]),
    f("phone", "Phone", false, text(50), "text", [
      "mobile",
      "telephone",
      "phone_number",
      "mobile_phone",
      "default_address_phone",
    ]),
    f("birthDate", "Birth date", false, { kind: "day" }, "date", [
      "birthday",
      "date_of_birth",
      "dob",
    ]),
    f(
      "gender",
      "Gender",
      false,
      { kind: "choice", values: ["female", "male", "other", "unknown"] },
      "text",
      ["sex"],
    ),
    f("city", "City", false, text(200), "text", ["town", "default_address_city"]),
    f("region", "Region", false, text(200), "text", [
      "province",
      "state",
      "default_address_province_code",
    ]),
    f("signedUpAt", "Signed up", false, { kind: "instant" }, "timestamptz", [
      "signup_date",
      "created_at",
      "joined",
      "registered_at",
    ]),
    f("homeStoreCode", "Home store", false, text(50), "text", [
      "store",
      "store_code",
      "home_store",
    ]),
    f("consentEmail", "Email consent", false, { kind: "flag" }, "boolean", [
      "email_opt_in",
      "newsletter",
      "accepts_email_marketing",
      "accepts_marketing",
    ]),
    f("consentSms", "SMS consent", false, { kind: "flag" }, "boolean", [
      "sms_opt_in",
      "accepts_sms_marketing",
    ]),
    f("consentMessenger", "Messenger consent", false, { kind: "flag" }, "boolean", [
      "messenger_opt_in",
    ]),
    f("consentPush", "Push consent", false, { kind: "flag" }, "boolean", ["push_opt_in"]),
  ],
  orders: [
    {
      ...f("orderId", "Order id", true, text(200), "text", [
        "order_id",
        "order",
        "order_number",
        "order_no",
        "external_id",
        "receipt",
        "receipt_number",
      ]),
      // Shopify's order export: "Name" (#1001) is on every row of an order; its "Id" is only on
      // the first, so it cannot group the rows.
      aliasesWith: [{ alias: "name", when: "lineitem_name" }],
    },
    {
      ...f("customerId", "Customer id", true, text(200), "text", ["customer_id", "customer"]),
      alternative: "customerEmail",
    },
    // Shop exports name an order's customer by email only.
    f("customerEmail", "Customer email", false, { kind: "email" }, "text", [
      "email",
      "customer_email",
      "email_address",
      "billing_email",
    ]),
    f("placedAt", "Placed at", true, { kind: "instant" }, "timestamptz", [
      "placed_at",
      "order_date",
      "date",
      "created_at",
      "datetime",
      "purchase_date",
      "paid_at",
    ]),
    f("storeCode", "Store", false, text(50), "text", ["store", "store_code", "shop", "location"]),
    f("channel", "Channel", false, { kind: "choice", values: ["online", "offline"] }, "text", [
      "sales_channel",
    ]),
    f("currency", "Currency", false, { kind: "currency" }, "text", []),
    f("discount", "Order discount", false, { kind: "money" }, "bigint", [
      "order_discount",
      "discount_amount",
    ]),
    f("sku", "SKU", true, text(200), "text", [
      "product_id",
      "item_id",
      "article",
      "lineitem_sku",
      "product_sku",
      "variant_sku",
    ]),
    f("itemName", "Item name", true, text(), "text", [
      // The specific names first: a shop export's "Name" column is its order number.
      "lineitem_name",
      "product_name",
      "product_title",
      "name",
      "product",
      "item",
      "description",
    ]),
    // Optional: shop exports carry none (see `fillCategories`).
    f("category", "Category", false, text(200), "text", [
      "product_category",
      "department",
      "product_type",
    ]),
    f("quantity", "Quantity", true, { kind: "count" }, "int", [
      "qty",
      "units",
      "lineitem_quantity",
    ]),
    f("unitPrice", "Unit price", true, { kind: "money" }, "bigint", [
      "unit_price",
      "price",
      "lineitem_price",
      "item_price",
    ]),
  ],
  events: [
    f("externalId", "Event id", true, text(200), "text", ["event_id", "id", "external_id"]),
    f("customerId", "Customer id", true, text(200), "text", ["customer_id", "customer"]),
    f(
      "type",
      "Type",
      true,
      {
        kind: "choice",
        values: [
          "visit",
          "product_viewed",
          "cart_abandoned",
          "message_sent",
          "message_opened",
          "message_clicked",
          "review",
          "referral",
        ],
      },
      "text",
      ["event", "event_type"],
    ),
    f("occurredAt", "Occurred at", true, { kind: "instant" }, "timestamptz", [
      "occurred_at",
      "date",
      "timestamp",
      "at",
    ]),
    f("storeCode", "Store", false, text(50), "text", ["store", "store_code"]),
    f(
      "channel",
      "Message channel",
      false,
      { kind: "choice", values: ["email", "sms", "messenger", "push"] },
      "text",
      [],
    ),
    // A referral names the friend; the programs reward both sides.
    f("friendId", "Referred friend", false, text(200), "text", [
      "friend_id",
      "friend",
      "referred_customer_id",
      "referee_id",
    ]),
    f(
      "referralRole",
      "Referral role",
      false,
      { kind: "choice", values: ["referrer", "referee"] },
      "text",
      ["role"],
    ),
    f("firstOrderAmount", "Friend's first order", false, { kind: "money" }, "bigint", [
      "first_order_amount",
      "first_order",
    ]),
  ],
};

/**
 * The required fields the mapping gives no column, said as the Data page lists them: a field that
 * can come from others names them ("Name (or both First name and Last name)"). The rows' own checks
 * (`RowReader`) follow the same rule cell by cell.
 */
export function unmappedRequired(
  fields: readonly ImportField[],
  mapping: Record<string, number | null>,
): string[] {
  const has = (key: string) => (mapping[key] ?? null) !== null;
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  return fields
    .filter(
      (f) =>
        f.required &&
        !has(f.key) &&
        !(f.orFrom !== undefined && f.orFrom.every(has)) &&
        !(f.alternative !== undefined && has(f.alternative)),
    )
    .map((f) =>
      f.orFrom !== undefined
        ? `${f.label} (or both ${f.orFrom.map(label).join(" and ")})`
        : f.alternative !== undefined
          ? `${f.label} (or ${label(f.alternative)})`
          : f.label,
    );
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Column index per field, guessed from the header by name and known aliases; null when none fits. */
export function guessMapping(
  kind: ImportKind,
  header: readonly string[],
): Record<string, number | null> {
  const names = header.map(normalize);
  const taken = new Set<number>();
  const mapping: Record<string, number | null> = {};
  for (const field of importFields[kind]) {
    const candidates = [
      field.key,
      field.label,
      ...field.aliases,
      ...(field.aliasesWith ?? [])
        .filter((a) => names.includes(normalize(a.when)))
        .map((a) => a.alias),
    ].map(normalize);
    const index = candidates
      .map((c) => names.findIndex((n, i) => n === c && !taken.has(i)))
      .find((i) => i >= 0);
    mapping[field.key] = index ?? null;
    if (index !== undefined) taken.add(index);
  }
  return mapping;
}
