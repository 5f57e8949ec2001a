import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { storeDetailCsv } from "@boomerang/api/services/stores/get-store-detail";
import { ZodError } from "zod";
import { CSV_BOM } from "@/components/charts/csv";
import { serverApi } from "@/trpc/server";

/** The store page as CSV, through the same procedure and checks as the page itself. */
export async function GET(request: Request, { params }: { params: Promise<{ storeId: string }> }) {
  const url = new URL(request.url);
  const storeId = Number((await params).storeId);
  const range = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  try {
    const api = await serverApi();
    const detail = await api.storeKpis.get({ range, storeId });
    const name = `store-${detail.store.code}-${range.from}-to-${range.to}.csv`;
    // A header value is Latin-1: the plain name keeps to ASCII, filename* carries the real one.
    const ascii = name.replace(/[^\w.-]/g, "_");
    return new Response(`${CSV_BOM}${storeDetailCsv(detail)}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    // The caller's mistakes (401, 403, 404, 400) say what is wrong, as the other exports do; a
    // server failure is logged and answered without its internal message.
    const status = error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500;
    if (error instanceof TRPCError && status < 500) {
      const message =
        error.cause instanceof ZodError
          ? `Give from and to as dates like 2025-06-01 and a store id: ${error.cause.issues
              .map((i) => `${i.path.join(".") || "input"} ${i.message}`)
              .join("; ")}.`
          : error.message;
      return Response.json({ error: { message } }, { status });
    }
    throw error;
  }
}
