"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardBody, CardHeader, ErrorNotice, Skeleton } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { NewUserForm } from "./user-form";
import { UserRow } from "./user-row";

/** Who can do what: every account with its role and store. */
export function UsersAdmin() {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const stores = useQuery(trpc.stores.list.queryOptions());
  const storeOptions = (stores.data ?? []).map((s) => ({ id: s.id, name: s.name }));
  return (
    <div className="space-y-6">
      <NewUserForm stores={storeOptions} />
      <Card>
        <CardHeader
          title="Users"
          description="Accounts are deactivated, never deleted, so the audit log keeps who did what. The last active admin cannot step down."
        />
        <CardBody className="overflow-x-auto p-0">
          {users.error ? (
            <ErrorNotice title="Users could not be loaded">{users.error.message}</ErrorNotice>
          ) : !users.data ? (
            <Skeleton className="h-48" />
          ) : (
            <table className="w-full text-sm" aria-label="Users">
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    User
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Role and store
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Password
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Access
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <UserRow key={`${u.id}-${u.role}-${u.storeId}`} user={u} stores={storeOptions} />
                ))}
              </tbody>
            </table>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
