import { sql, type SQL } from "drizzle-orm";

/** An int[] parameter bound as a text literal ('{1,2,3}'), which both drivers pass the same way. */
export const intArray = (values: readonly number[]): SQL =>
  sql`${`{${values.map((v) => Math.trunc(v)).join(",")}}`}::int[]`;
