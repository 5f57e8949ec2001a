import { z } from "zod";

/** What a key may do; an admin picks them when creating the key. */
export const apiScopes = [
  "customers:write",
  "orders:write",
  "events:write",
  "rewards:read",
  "rewards:redeem",
] as const;
export type ApiScope = (typeof apiScopes)[number];
export const apiScope = z.enum(apiScopes);

export const scopeLabels: Record<ApiScope, string> = {
  "customers:write": "Create and update customers",
  "orders:write": "Post orders and refunds",
  "events:write": "Post customer events",
  "rewards:read": "Read balances and rewards",
  "rewards:redeem": "Redeem points and rewards",
};
