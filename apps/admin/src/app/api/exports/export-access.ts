import { createContext, type CurrentUser } from "@boomerang/api";
import { can, storeScopeFor } from "@boomerang/domain";
import type { Database } from "@boomerang/db";
import { auth, sessionClaim } from "@/server/auth";
import { getDb } from "@/server/db";

/** Who may export: every signed-in role, store managers limited to their own store's customers. */
export async function exportAccess(): Promise<
  | { ok: true; db: Database; user: CurrentUser; storeScope: number | null }
  | { ok: false; response: Response }
> {
  const session = await auth();
  const db = await getDb();
  const ctx = await createContext({
    db,
    session: sessionClaim(session),
  });
  if (ctx.user === null)
    return {
      ok: false,
      response: Response.json({ error: { message: "Sign in to continue." } }, { status: 401 }),
    };
  if (!can(ctx.user.role, "read:own-store"))
    return {
      ok: false,
      response: Response.json(
        { error: { message: "Your role cannot export data." } },
        { status: 403 },
      ),
    };
  return { ok: true, db, user: ctx.user, storeScope: storeScopeFor(ctx.user) };
}
