import { AppError } from "@boomerang/api";
import { loadSegment, storedRules } from "@boomerang/api/services/segments/saved-segments";
import {
  exportChannels,
  findSegmentSnapshot,
  segmentExportPages,
  type ExportSource,
} from "@boomerang/db";
import { recordIdText } from "@boomerang/api/services/record-id";
import { z } from "zod";
import { csvResponse } from "../csv-stream";
import { exportAccess } from "../export-access";

const query = z.object({
  segmentId: recordIdText,
  // Said every time: a marketing list is per channel, of the customers who consented to it; "all"
  // (every member, contact details only where consented) only when asked for by name.
  channel: z.enum(exportChannels),
  snapshotId: recordIdText.optional(),
});

const PAGE = 5000;
const notFound = (message: string) => Response.json({ error: { message } }, { status: 404 });

/**
 * A segment's members as CSV, streamed page by page: its current members, or a snapshot's frozen
 * ones (`snapshotId`), those who consented to `channel` and can be reached on it (or, asked for as
 * "all", every member with only the contact details they consented to). Store managers get their
 * own store's customers only.
 */
export async function GET(request: Request): Promise<Response> {
  const access = await exportAccess();
  if (!access.ok) return access.response;
  const search = new URL(request.url).searchParams;
  const repeated = [...new Set(search.keys())].find((k) => search.getAll(k).length > 1);
  if (repeated !== undefined)
    return Response.json(
      {
        error: {
          message: `Give ${repeated} once; it was given ${search.getAll(repeated).length} times.`,
        },
      },
      { status: 400 },
    );
  const params = query.safeParse(Object.fromEntries(search));
  if (!params.success)
    return Response.json(
      {
        error: {
          message: `Give segmentId (a number), channel (${exportChannels.join(", ")}) and optionally snapshotId (a number): ${params.error.issues
            .map((i) => `${i.path.join(".")} ${i.message}`)
            .join("; ")}.`,
        },
      },
      { status: 400 },
    );
  const { db, storeScope } = access;
  const { segmentId, channel, snapshotId } = params.data;
  let segment;
  try {
    segment = await loadSegment(db, segmentId);
  } catch (error) {
    if (error instanceof AppError) return notFound(error.message);
    throw error;
  }
  let source: ExportSource;
  let fileName = `segment-${segment.id}-${channel}.csv`;
  if (snapshotId === undefined) {
    source = { kind: "segment", rules: storedRules(segment.rules), now: new Date() };
  } else {
    const snapshot = await findSegmentSnapshot(db, snapshotId);
    if (!snapshot || snapshot.segmentId !== segment.id)
      return notFound("The snapshot was not found. Pick one from the segment's snapshot list.");
    source = { kind: "snapshot", snapshotId };
    fileName = `segment-${segment.id}-snapshot-${snapshotId}-${channel}.csv`;
  }
  return csvResponse(
    fileName,
    ["customer_id", "name", "email", "phone"],
    segmentExportPages(db, { source, channel, storeId: storeScope, pageSize: PAGE }),
    (r) => [r.external_id, r.name, r.email, r.phone],
  );
}
