import { AppError, createContext } from "@boomerang/api";
import { startImport } from "@boomerang/api/services/imports/index";
import { can } from "@boomerang/domain";
import { ZodError } from "zod";
import { auth, sessionClaim } from "@/server/auth";
import { getDb } from "@/server/db";

const refuse = (status: number, message: string) =>
  Response.json({ error: { message } }, { status });

/**
 * Upload of a CSV file for import: the body is the file itself, streamed to disk; kind, file name,
 * the column mapping, the order of its dates and its text encoding come as query parameters. Marketers and admins only, like the Data page.
 */
export async function POST(request: Request): Promise<Response> {
  const session = await auth();
  const db = await getDb();
  const ctx = await createContext({
    db,
    session: sessionClaim(session),
  });
  if (ctx.user === null) return refuse(401, "Sign in to continue.");
  if (!can(ctx.user.role, "edit:marketing"))
    return refuse(403, "Only marketers and admins can import data.");
  if (request.body === null) return refuse(400, "The request has no file.");
  const params = new URL(request.url).searchParams;
  let mapping: unknown;
  try {
    mapping = JSON.parse(params.get("mapping") ?? "null");
  } catch {
    return refuse(400, "mapping: is not valid JSON.");
  }
  try {
    const started = await startImport(
      db,
      {
        kind: params.get("kind"),
        fileName: params.get("fileName"),
        mapping,
        dateOrder: params.get("dateOrder") ?? undefined,
        encoding: params.get("encoding") ?? undefined,
      },
      { userId: ctx.user.id, now: ctx.now, body: request.body },
      (error) => console.error("Import failed unexpectedly:", error),
    );
    return Response.json(started, { status: 202 });
  } catch (error) {
    if (error instanceof ZodError)
      return refuse(400, error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    // The upload stopped before the whole file arrived: the job says so too.
    if (error instanceof AppError) return refuse(400, error.message);
    throw error;
  }
}
