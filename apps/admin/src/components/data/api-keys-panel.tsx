"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  Field,
  Input,
  Skeleton,
} from "@boomerang/ui";
import type { RouterInputs } from "@boomerang/api";
import { useTRPC } from "@/trpc/react";

type Scope = RouterInputs["apiKeys"]["create"]["scopes"][number];

/** Admins create keys for the systems that sell (the secret is shown once), see when each was last used, and revoke them. */
export function ApiKeysPanel({ locale, timeZone }: { locale: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const scopes = useQuery(trpc.apiKeys.scopes.queryOptions());
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Scope[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });

  return (
    <Card>
      <CardHeader
        title="API keys"
        description="For systems that post customers, orders and redemptions to /api/v1 (described at /api/v1/openapi.json)."
      />
      <CardBody className="space-y-4">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, scopes: chosen });
          }}
        >
          <Field
            label="Key name"
            htmlFor="key-name"
            hint="The system that will use it, e.g. “Till system Milano”."
          >
            <Input id="key-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="mb-1 font-medium text-slate-700">Scopes</legend>
            {scopes.data?.map((s) => (
              <label key={s.scope} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(s.scope)}
                  onChange={(e) =>
                    setChosen(
                      e.target.checked ? [...chosen, s.scope] : chosen.filter((c) => c !== s.scope),
                    )
                  }
                />
                {s.label}
              </label>
            ))}
          </fieldset>
          <Button type="submit" disabled={create.isPending}>
            Create key
          </Button>
        </form>
        {create.error ? (
          <ErrorNotice title="The key was not created">{create.error.message}</ErrorNotice>
        ) : null}
        {create.data ? (
          <div
            role="status"
            className="space-y-1 rounded-md border border-teal-200 bg-teal-50 px-4 py-3 text-sm"
          >
            <p className="font-medium text-teal-900">
              Copy the key for “{create.data.name}” now: it will not be shown again.
            </p>
            <code
              data-testid="new-api-key"
              className="block break-all rounded bg-white px-2 py-1 font-mono text-xs"
            >
              {create.data.secret}
            </code>
          </div>
        ) : null}
        {keys.error ? (
          <ErrorNotice title="Could not load the keys">{keys.error.message}</ErrorNotice>
        ) : null}
        {keys.isPending ? <Skeleton className="h-16 w-full" /> : null}
        {keys.data?.length === 0 ? (
          <EmptyState title="No API keys yet">
            Create one for each system that sends data.
          </EmptyState>
        ) : null}
        {keys.data !== undefined && keys.data.length > 0 ? (
          <table className="w-full text-left text-sm" aria-label="API keys">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Name</th>
                <th className="py-1 pr-3">Key</th>
                <th className="py-1 pr-3">Scopes</th>
                <th className="py-1 pr-3">Created</th>
                <th className="py-1 pr-3">Last used</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3">{key.name}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{key.prefix}…</td>
                  <td className="py-1 pr-3 text-xs">{key.scopes.join(", ")}</td>
                  <td className="py-1 pr-3">
                    {when.format(key.createdAt)}
                    {key.createdBy ? ` · ${key.createdBy}` : ""}
                  </td>
                  <td className="py-1 pr-3">
                    {key.lastUsedAt ? when.format(key.lastUsedAt) : "never"}
                  </td>
                  <td className="py-1">
                    {key.revokedAt ? (
                      <Badge tone="rose">revoked</Badge>
                    ) : (
                      <Button
                        variant="ghost"
                        onClick={() => revoke.mutate({ id: key.id })}
                        disabled={revoke.isPending}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </CardBody>
    </Card>
  );
}
