import { sql } from "drizzle-orm";
import { customers, type NewCustomer } from "@boomerang/db";
import { customerInput, type CustomerInput } from "./schemas";
import { storeIdByCode, type IngestContext } from "./lookups";
import { enrollNewCustomers } from "../programs/enroll-new-customers";
import { inTransaction } from "./transaction";
import { assertNotFuture } from "./when";

export type UpsertCustomerResult = { id: number; externalId: string; created: boolean };

/** The columns the request set; fields left out keep their stored value on update. */
function providedFields(
  input: CustomerInput,
  homeStoreId: number | null | undefined,
): Partial<NewCustomer> {
  const fields: Partial<NewCustomer> = { name: input.name };
  if (input.email !== undefined) fields.email = input.email;
  if (input.phone !== undefined) fields.phone = input.phone;
  if (input.birthDate !== undefined) fields.birthDate = input.birthDate;
  if (input.gender !== undefined) fields.gender = input.gender;
  if (input.city !== undefined) fields.city = input.city;
  if (input.region !== undefined) fields.region = input.region;
  if (input.preferredChannel !== undefined) fields.preferredChannel = input.preferredChannel;
  if (input.consent?.email !== undefined) fields.consentEmail = input.consent.email;
  if (input.consent?.sms !== undefined) fields.consentSms = input.consent.sms;
  if (input.consent?.messenger !== undefined) fields.consentMessenger = input.consent.messenger;
  if (input.consent?.push !== undefined) fields.consentPush = input.consent.push;
  if (input.signedUpAt !== undefined) fields.signedUpAt = new Date(input.signedUpAt);
  if (homeStoreId !== undefined) fields.homeStoreId = homeStoreId;
  return fields;
}

/** Creates the customer, or updates the fields given when the externalId is already known. */
export async function upsertCustomer(
  ctx: IngestContext,
  raw: unknown,
): Promise<UpsertCustomerResult> {
  const input = customerInput.parse(raw);
  if (input.signedUpAt !== undefined) assertNotFuture("signedUpAt", input.signedUpAt, ctx.now);
  return inTransaction(ctx.db, async (tx) => {
    const homeStoreId =
      input.homeStoreCode === undefined ? undefined : await storeIdByCode(tx, input.homeStoreCode);
    const fields = providedFields(input, homeStoreId);
    const [row] = await tx
      .insert(customers)
      .values({ signedUpAt: ctx.now, ...fields, externalId: input.externalId, name: input.name })
      .onConflictDoUpdate({ target: customers.externalId, set: { ...fields, updatedAt: ctx.now } })
      .returning({ id: customers.id, created: sql<boolean>`(xmax = 0)` });
    // A new or changed customer joins the running programs whose target they now match.
    await enrollNewCustomers(tx, [row!.id], ctx.now);
    return { id: row!.id, externalId: input.externalId, created: row!.created };
  });
}
