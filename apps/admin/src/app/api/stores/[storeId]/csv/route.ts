import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { storeDetailCsv } from "@boomerang/api/services/stores/get-store-detail";
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
    return new Response(storeDetailCsv(detail), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
      },
    });
  } catch (error) {
    // The caller's mistakes (401, 403, 404, 400) say what is wrong; a server failure is logged and
    // answered without its internal message.
    const status = error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500;
    if (error instanceof TRPCError && status < 500)
      return new Response(error.message, {
        status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    throw error;
  }
}
