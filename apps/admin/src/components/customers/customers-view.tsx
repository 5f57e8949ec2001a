"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatNumber,
  Select,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { CustomerFilters } from "./customer-filters";
import {
  customerExportHref,
  customerSearchParams,
  hasFilters,
  pageSizes,
  toListInput,
  type CustomerSearch,
} from "./customer-search";
import { CustomersTable, type BusinessFormat } from "./customers-table";

const SEARCH_DELAY_MS = 300;

/**
 * The customers list: searched (debounced), filtered and sorted on the server, a page at a time.
 * The URL follows every change so a filtered list can be shared or reloaded.
 */
export function CustomersView({
  initialSearch,
  canChooseStore,
  canImport,
  business,
  now,
}: {
  initialSearch: CustomerSearch;
  canChooseStore: boolean;
  canImport: boolean;
  business: BusinessFormat;
  now: string;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState(initialSearch);
  const [text, setText] = useState(initialSearch.q);
  const change = (patch: Partial<CustomerSearch>) =>
    setSearch((previous) => ({ ...previous, page: 1, ...patch }));

  useEffect(() => {
    const q = text.trim();
    if (q === search.q) return;
    const timer = setTimeout(() => change({ q }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, search.q]);

  useEffect(() => {
    const query = customerSearchParams(search).toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }, [search]);

  const stores = useQuery({ ...trpc.stores.list.queryOptions(), enabled: canChooseStore });
  const list = useQuery(
    trpc.customers.list.queryOptions(toListInput(search), { placeholderData: keepPreviousData }),
  );
  const data = list.data;
  const { locale } = business;
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? first + data.rows.length - 1 : 0;
  const hasNext = data
    ? data.totalCapped
      ? data.rows.length === data.pageSize
      : data.page * data.pageSize < data.total
    : false;
  const totalText = data
    ? data.totalCapped
      ? `more than ${formatNumber(data.total, locale)}`
      : formatNumber(data.total, locale)
    : "";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Customers</h1>
          <p className="text-sm text-slate-500">
            {canChooseStore
              ? "Everyone in the business, with what they bought and how likely they are to come back."
              : "Customers whose home store is yours, with what they bought and how likely they are to come back."}
          </p>
        </div>
        <a
          className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          href={customerExportHref(search)}
          download
        >
          Export {hasFilters(search) ? "these customers" : "all customers"} (CSV)
        </a>
      </div>
      <Card>
        <CardHeader
          title="Find customers"
          description={
            data
              ? `${totalText.charAt(0).toUpperCase()}${totalText.slice(1)} ${data.total === 1 && !data.totalCapped ? "customer matches" : "customers match"}.`
              : "Loading…"
          }
        />
        <CardBody className="space-y-4">
          <CustomerFilters
            search={search}
            text={text}
            onText={setText}
            onChange={change}
            stores={stores.data ?? []}
            canChooseStore={canChooseStore}
            lapsedAfterDays={data?.lapsedAfterDays ?? null}
          />
          {list.error ? (
            <ErrorNotice title="The customers could not be loaded">
              {list.error.message}
            </ErrorNotice>
          ) : !data ? (
            <Skeleton className="h-96" />
          ) : data.rows.length === 0 ? (
            hasFilters(search) ? (
              <EmptyState
                title="No customers match these filters"
                action={
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => {
                      setText("");
                      change({
                        q: "",
                        store: null,
                        rfm: null,
                        channel: null,
                        consent: null,
                        activity: null,
                      });
                    }}
                  >
                    Clear filters
                  </Button>
                }
              >
                Check the spelling, search a whole external id or phone number, or loosen a filter.
              </EmptyState>
            ) : data.page > 1 ? (
              <EmptyState
                title="This page is past the last customer"
                action={
                  <Button type="button" variant="secondary" onClick={() => change({ page: 1 })}>
                    Back to the first page
                  </Button>
                }
              />
            ) : (
              <EmptyState
                title="No customers yet"
                action={
                  canImport ? (
                    <Link href="/data" className="text-sm font-medium text-teal-700 underline">
                      Import customers on the Data page
                    </Link>
                  ) : null
                }
              >
                Customers appear here once they are imported from a CSV file or sent through the API
                {canImport ? "." : "; ask a marketer or an admin to import them."}
              </EmptyState>
            )
          ) : (
            <>
              <CustomersTable
                rows={data.rows}
                busy={list.isFetching}
                search={search}
                onSort={(sort, dir) => change({ sort, dir })}
                business={business}
                now={new Date(now)}
              />
              <nav
                aria-label="Pages of customers"
                className="flex flex-wrap items-center justify-between gap-3 text-sm"
              >
                <p className="text-slate-600" aria-live="polite">
                  Showing {formatNumber(first, locale)}–{formatNumber(last, locale)} of {totalText}
                  {list.isFetching ? " · updating…" : ""}
                </p>
                <div className="flex items-center gap-2">
                  <label className="flex items-center gap-2 text-xs text-slate-600">
                    Per page
                    <Select
                      aria-label="Customers per page"
                      className="w-20"
                      value={search.size}
                      onChange={(e) =>
                        change({ size: Number(e.target.value) as CustomerSearch["size"] })
                      }
                    >
                      {pageSizes.map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </Select>
                  </label>
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={search.page <= 1}
                    onClick={() => change({ page: search.page - 1 })}
                  >
                    Previous
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={!hasNext || search.page >= 400}
                    onClick={() => change({ page: search.page + 1 })}
                  >
                    Next
                  </Button>
                </div>
              </nav>
            </>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
