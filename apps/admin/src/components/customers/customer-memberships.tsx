import Link from "next/link";
import { Badge, formatMoney, formatNumber } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./customers-table";

type Membership = RouterOutputs["customers"]["get"]["memberships"][number];

/** Programs the customer is in, with balances; control-group members are shown as held out. */
export function CustomerMemberships({
  memberships,
  business,
}: {
  memberships: readonly Membership[];
  business: BusinessFormat;
}) {
  const { currency, locale, timezone } = business;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: timezone });
  const amount = (v: { points: number; money: number }) =>
    [
      v.points !== 0 ? `${formatNumber(v.points, locale)} points` : null,
      v.money !== 0 ? formatMoney(v.money, currency, locale) : null,
    ]
      .filter(Boolean)
      .join(" + ") || "0";
  return (
    <ul className="divide-y divide-slate-100" aria-label="Program memberships">
      {memberships.map((m) => (
        <li key={m.programId} className="py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`/programs/${m.programId}`}
              className="font-medium text-teal-800 hover:underline"
            >
              {m.programName}
            </Link>
            <Badge tone={m.programStatus === "active" ? "teal" : "slate"}>{m.programStatus}</Badge>
            {m.isControl ? (
              <Badge tone="amber">Control group</Badge>
            ) : (
              <Badge tone="sky">Member</Badge>
            )}
            {m.tier ? <Badge>Tier: {m.tier}</Badge> : null}
          </div>
          <p className="mt-1 text-xs text-slate-500">Enrolled {day.format(m.enrolledAt)}</p>
          {m.isControl ? (
            <p className="mt-1 text-sm text-slate-600">
              Held out to measure the program&apos;s effect: earns no rewards and gets no program
              messages.
            </p>
          ) : (
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-500">Balance</dt>
                <dd className="font-medium tabular-nums">{amount(m.balance)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Pending</dt>
                <dd className="tabular-nums">{amount(m.pending)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Earned</dt>
                <dd className="tabular-nums">{amount(m.earned)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Redeemed</dt>
                <dd className="tabular-nums">{amount(m.redeemed)}</dd>
              </div>
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}
