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
  channel: z.enum(exportChannels).default("all"),
  snapshotId: recordIdText.optional(),
});

const PAGE = 5000;
const notFound = (message: string) => Response.json({ error: { message } }, { status: 404 });

/**
 * A segment's members as CSV, streamed page by page: its current members, or a snapshot's frozen
 * ones (`snapshotId`), all of them or only those who consented to `channel` and can be reached on
 * it. Store managers get their own store's customers only.
 */
export async function GET(request: Request): Promise<Response> {
  const access = await exportAccess();
  if (!access.ok) return access.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success)
    return Response.json(
      {
        error: {
          message: `Give segmentId (a number), channel (${exportChannels.join(", ")}) and optionally snapshotId (a number).`,
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
