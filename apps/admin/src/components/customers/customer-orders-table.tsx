import { formatMoney } from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./customers-table";

type Order = RouterOutputs["customers"]["get"]["orders"][number];

/** Orders newest first, each with its items. */
export function CustomerOrdersTable({
  orders,
  business,
}: {
  orders: readonly Order[];
  business: BusinessFormat;
}) {
  const { currency, locale, timezone } = business;
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timezone,
  });
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Orders">
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Placed
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Order
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Where
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Items
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              Discount
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} className="border-t border-slate-100 align-top">
              <td className="py-1.5 pr-3 whitespace-nowrap">{when.format(o.placedAt)}</td>
              <td className="py-1.5 pr-3 font-mono text-xs">{o.externalId}</td>
              <td className="py-1.5 pr-3">
                {o.channel === "online" ? "Online" : (o.storeName ?? "In store")}
              </td>
              <td className="py-1.5 pr-3">
                {o.items.length === 0 ? (
                  <span className="text-slate-400">No item lines</span>
                ) : (
                  <ul className="space-y-0.5">
                    {o.items.map((i, n) => (
                      <li key={`${i.sku}-${n}`}>
                        {i.quantity} × {i.name}{" "}
                        <span className="text-xs text-slate-500">
                          ({i.category}, {money(i.unitPrice)} each)
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {o.discount === 0 ? "—" : money(o.discount)}
              </td>
              <td className="py-1.5 text-right font-medium tabular-nums">{money(o.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
