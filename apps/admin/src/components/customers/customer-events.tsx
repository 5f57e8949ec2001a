import type { RouterOutputs } from "@boomerang/api";
import { channelLabels } from "./customer-format";
import type { BusinessFormat } from "./customers-table";

type Event = RouterOutputs["customers"]["get"]["events"][number];

const eventLabels: Record<string, string> = {
  visit: "Visited",
  product_viewed: "Viewed a product",
  cart_abandoned: "Abandoned a cart",
  message_sent: "Was sent a message",
  message_opened: "Opened a message",
  message_clicked: "Clicked a message",
  review: "Wrote a review",
  referral: "Referred someone",
};

/** The one detail of an event's payload worth a glance (campaign, rating, product). */
function detailOf(e: Event): string | null {
  const p = e.payload;
  if (typeof p.campaign === "string") return `campaign ${p.campaign}`;
  if (typeof p.rating === "number") return `${p.rating} of 5 stars`;
  if (typeof p.sku === "string") return p.sku;
  if (typeof p.code === "string") return `code ${p.code}`;
  return null;
}

export function CustomerEvents({
  events,
  business,
}: {
  events: readonly Event[];
  business: BusinessFormat;
}) {
  const when = new Intl.DateTimeFormat(business.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: business.timezone,
  });
  return (
    <ol className="space-y-2 text-sm" aria-label="Recent events">
      {events.map((e) => {
        const where = [
          e.channel ? (channelLabels[e.channel] ?? e.channel) : null,
          e.storeName,
          detailOf(e),
        ]
          .filter(Boolean)
          .join(" · ");
        return (
          <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2">
            <span>
              {eventLabels[e.type] ?? e.type}
              {where ? <span className="text-slate-500"> · {where}</span> : null}
            </span>
            <time className="text-xs text-slate-500" dateTime={e.occurredAt.toISOString()}>
              {when.format(e.occurredAt)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
