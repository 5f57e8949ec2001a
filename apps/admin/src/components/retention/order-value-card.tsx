"use client";

import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  formatMoney,
  formatMonth,
  formatNumber,
} from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

/** Average order value and purchase frequency per month, on two charts (money and counts do not share an axis). */
export function OrderValueCard({ data, business }: { data: Retention; business: BusinessFormat }) {
  const { monthly } = data;
  return (
    <Card>
      <CardHeader
        title="Average order value and purchase frequency"
        description={`Per calendar month, over every customer in view: revenue per order, and orders per customer who bought that month.${channelNote(data.channel, "orders")}`}
        actions={
          <CsvDownload
            filename="order-value-frequency.csv"
            header={[
              "month",
              "orders",
              "revenue_minor",
              "customers",
              "average_order_value_minor",
              "orders_per_customer",
            ]}
            rows={monthly.map((m) => [
              m.month,
              m.orders,
              m.revenue,
              m.customers,
              m.averageOrderValue,
              m.frequency,
            ])}
          />
        }
      />
      <CardBody className="space-y-4">
        {monthly.length === 0 ? (
          <EmptyState title="No orders in these months" />
        ) : (
          <>
            <LineChart
              ariaLabel="Average order value by month"
              data={monthly}
              xKey="month"
              height={200}
              series={[
                { key: "averageOrderValue", label: "Average order value", color: "#0f766e" },
              ]}
              formatX={(m) => formatMonth(String(m), business.locale)}
              formatY={(v) => formatMoney(v, business.currency, business.locale, true)}
            />
            <LineChart
              ariaLabel="Orders per buying customer by month"
              data={monthly}
              xKey="month"
              height={200}
              series={[{ key: "frequency", label: "Orders per buying customer", color: "#7c3aed" }]}
              formatX={(m) => formatMonth(String(m), business.locale)}
              formatY={(v) => formatNumber(v, business.locale)}
            />
          </>
        )}
      </CardBody>
    </Card>
  );
}
