"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button, Card, CardBody, CardHeader, ErrorNotice, Field, Input } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { fieldErrorsOf } from "./field-errors";

const CONFIRMATION = "replace all data";

/**
 * Replaces every record (customers, orders, programs, segments, users, the audit log) with a freshly
 * generated demo chain. The admin types a phrase to confirm; the page polls the progress. The demo
 * users replace every account: the demo admin who started it carries on signed in, anyone else is
 * signed out and asked to sign in with a demo login.
 */
export function DemoResetCard() {
  const trpc = useTRPC();
  const [confirmation, setConfirmation] = useState("");
  const [customers, setCustomers] = useState("20000");
  const queryClient = useQueryClient();
  const start = useMutation(
    trpc.settings.resetDemo.mutationOptions({
      // Show "running" at once; polling then follows the seed's progress.
      onSuccess: (started) =>
        queryClient.setQueryData(trpc.settings.resetDemoStatus.queryKey(), started),
    }),
  );
  const status = useQuery(
    trpc.settings.resetDemoStatus.queryOptions(undefined, {
      refetchInterval: (query) => (query.state.data?.state === "running" ? 1000 : false),
    }),
  );
  const state = status.data?.state ?? "idle";
  // The reset this session started replaced its account, and it was not the demo admin: it can
  // only sign in again. (Any other ended session reloads the page: see trpc/react.tsx.)
  const signedOut = state !== "running" && status.data?.signedIn === false;
  const busy = start.isPending || state === "running";
  const errors = fieldErrorsOf(start.error);
  return (
    <Card>
      <CardHeader
        title="Demo data"
        description="Start over with the generated demo retail chain: seven stores, their customers, two years of orders, programs and demo logins."
      />
      <CardBody className="space-y-4">
        <div
          role="note"
          className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900"
        >
          <p className="font-medium">Everything in the database is replaced.</p>
          <p>
            Customers, orders, programs, segments, imports, API keys, users and the audit log are
            deleted and cannot be recovered. Every account, yours included, is replaced by the demo
            logins shown on the sign-in page; only the demo admin stays signed in.
          </p>
        </div>
        {signedOut ? (
          <div role="status" className="space-y-2 text-sm">
            <p className="font-medium text-slate-800">
              {state === "failed"
                ? `The reset failed: ${status.data?.error}`
                : `Demo data loaded (${status.data?.step}).`}
            </p>
            <p>
              {state === "failed"
                ? "Your account was removed with the rest of the data. Sign in with a demo login if the sign-in page lists them; if none works, run `pnpm db:seed --reset` on the server."
                : "The reset replaced every account with the demo logins, and yours is not one of them: sign in with a demo login, listed on the sign-in page."}
            </p>
            <Button type="button" onClick={() => void signOut({ redirectTo: "/login" })}>
              Sign in again
            </Button>
          </div>
        ) : state === "running" ? (
          <div role="status" aria-live="polite" className="space-y-2 text-sm">
            <p className="font-medium text-slate-800">Replacing all data with demo data…</p>
            <p className="font-mono text-xs text-slate-600">{status.data?.step ?? "starting"}</p>
            <div className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200">
              <div className="h-2 w-1/3 animate-pulse rounded bg-teal-600" />
            </div>
          </div>
        ) : (
          <>
            {state === "done" ? (
              <div role="status" className="space-y-1 text-sm">
                <p className="font-medium text-teal-800">Demo data loaded ({status.data?.step}).</p>
                <p>
                  Every account was replaced by the demo logins; you carry on as the demo admin. To
                  start over again, confirm below.
                </p>
              </div>
            ) : null}
            <form
              className="grid max-w-2xl gap-4 sm:grid-cols-2"
              onSubmit={(e) => {
                e.preventDefault();
                start.mutate({ confirmation, customers: Number(customers) });
              }}
            >
              <Field
                label="Customers to generate"
                htmlFor="demoCustomers"
                hint="100 to 100,000; 20,000 loads in about a minute"
                error={errors.customers}
              >
                <Input
                  id="demoCustomers"
                  type="number"
                  min={100}
                  max={100000}
                  step={100}
                  value={customers}
                  onChange={(e) => setCustomers(e.target.value)}
                  required
                />
              </Field>
              <Field
                label={`Type "${CONFIRMATION}" to confirm`}
                htmlFor="demoConfirmation"
                error={errors.confirmation}
              >
                <Input
                  id="demoConfirmation"
                  value={confirmation}
                  autoComplete="off"
                  onChange={(e) => setConfirmation(e.target.value)}
                  aria-invalid={Boolean(errors.confirmation)}
                  required
                />
              </Field>
              <div className="flex items-end gap-3 sm:col-span-2">
                <Button
                  type="submit"
                  variant="danger"
                  disabled={busy || confirmation.trim().toLowerCase() !== CONFIRMATION}
                >
                  Replace all data with demo data
                </Button>
                {start.error && Object.keys(errors).length === 0 ? (
                  <p role="alert" className="text-sm text-rose-700">
                    {start.error.message}
                  </p>
                ) : null}
              </div>
              {state === "failed" ? (
                <div className="sm:col-span-2">
                  <ErrorNotice title="The last reset failed">
                    {status.data?.error} Fix the cause and try again; the database may be half
                    loaded until a reset finishes.
                  </ErrorNotice>
                </div>
              ) : null}
            </form>
          </>
        )}
      </CardBody>
    </Card>
  );
}
