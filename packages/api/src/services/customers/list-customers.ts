import { listCustomers, type Database } from "@boomerang/db";
import { toCustomerFilters, type CustomerListInput } from "./customer-input";
import { customerScope } from "./customer-scope";

/** One page of the customers list; a store manager's page holds only their home customers. */
export async function listCustomerPage(
  db: Database,
  input: CustomerListInput,
  /** `homeStoreId` already checked against the caller's store (scopedStoreId). */
  access: { storeScope: number | null; homeStoreId: number | null; now: Date },
) {
  const scope = await customerScope(db, access.storeScope, access.now);
  const filters = toCustomerFilters(input, access.homeStoreId);
  const page = await listCustomers(
    db,
    {
      filters,
      sort: input.sort,
      direction: input.direction,
      offset: (input.page - 1) * input.pageSize,
      limit: input.pageSize,
    },
    scope,
  );
  return {
    ...page,
    page: input.page,
    pageSize: input.pageSize,
    lapsedAfterDays: scope.lapsedAfterDays,
  };
}
