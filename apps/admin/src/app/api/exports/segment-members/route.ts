import { sql } from "drizzle-orm";
import { AppError } from "@boomerang/api";
import { loadSegment, storedRules } from "@boomerang/api/services/segments/saved-segments";
import { queryRows, segmentMemberIds } from "@boomerang/db";
import { z } from "zod";
import { csvResponse } from "../csv-stream";
import { exportAccess } from "../export-access";

// The consent column and the contact detail a channel needs: a member without either is left out.
const channels = {
  email: { consent: "consent_email", contact: "email" },
  sms: { consent: "consent_sms", contact: "phone" },
  messenger: { consent: "consent_messenger", contact: "phone" },
  push: { consent: "consent_push", contact: null },
} as const;

const query = z.object({
  segmentId: z.coerce.number().int().positive(),
  channel: z.enum(["email", "sms", "messenger", "push"]),
});

type Row = {
  id: number;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
};
const PAGE = 5000;

/** A segment's current members who consented to the channel, for a campaign; store managers get their store's only. */
export async function GET(request: Request): Promise<Response> {
  const access = await exportAccess();
  if (!access.ok) return access.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success)
    return Response.json(
      {
        error: {
          message: "Give segmentId (a number) and channel (email, sms, messenger or push).",
        },
      },
      { status: 400 },
    );
  const { db, storeScope } = access;
  let segment;
  try {
    segment = await loadSegment(db, params.data.segmentId);
  } catch (error) {
    if (error instanceof AppError)
      return Response.json({ error: { message: error.message } }, { status: 404 });
    throw error;
  }
  const members = segmentMemberIds(storedRules(segment.rules), {
    now: new Date(),
    storeId: storeScope,
  });
  const channel = channels[params.data.channel];
  const reachable =
    channel.contact === null ? sql`true` : sql.raw(`c.${channel.contact} is not null`);
  return csvResponse<Row>(
    `segment-${segment.id}-${params.data.channel}.csv`,
    ["customer_id", "name", "email", "phone"],
    (afterId) =>
      queryRows<Row>(
        db,
        sql`select c.id::int as id, c.external_id, c.name, c.email, c.phone from customers c
            where c.id > ${afterId} and c.id in (${members}) and ${sql.raw(`c.${channel.consent}`)} and ${reachable}
            order by c.id limit ${PAGE}`,
      ),
    (r) => [r.external_id, r.name, r.email, r.phone],
  );
}
