import { Card, CardBody, CardHeader } from "@boomerang/ui";

const exports = [
  {
    href: "/api/exports/customers",
    label: "Customers",
    help: "Every customer with contact details, consents and order totals.",
  },
  {
    href: "/api/exports/ledger",
    label: "Ledger entries",
    help: "Every points and cashback movement, with its program and order.",
  },
];

/** Downloads stream from the server as CSV, so large exports start at once. */
export function ExportLinks() {
  return (
    <Card>
      <CardHeader
        title="Export"
        description="CSV files, streamed; store managers get their own store's customers only."
      />
      <CardBody>
        <ul className="space-y-2 text-sm">
          {exports.map((e) => (
            <li key={e.href}>
              <a className="font-medium text-teal-800 underline" href={e.href} download>
                {e.label} (CSV)
              </a>
              <span className="text-slate-500"> — {e.help}</span>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
