import "server-only";
import { notFound } from "next/navigation";
import { can, type Capability } from "@boomerang/domain";
import { serverApi } from "@/trpc/server";

/** Pages a role cannot use answer 404, as if they did not exist; the API refuses the data anyway. */
export async function requirePageAccess(capability: Capability) {
  const api = await serverApi();
  const me = await api.session.me();
  if (!can(me.user.role, capability)) notFound();
  return me;
}
