"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { roleLabels, roles, type Role } from "@boomerang/domain";
import type { RouterOutputs } from "@boomerang/api";
import { Badge, Button, Input, Select } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";

type User = RouterOutputs["users"]["list"][number];

/** One account: role and store edited in place, deactivation and a temporary password. */
export function UserRow({ user, stores }: { user: User; stores: { id: number; name: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(user.role);
  const [storeId, setStoreId] = useState(user.storeId === null ? "" : String(user.storeId));
  const [password, setPassword] = useState("");
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async (message: string) => {
    setNotice(message);
    await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  };
  const update = useMutation(
    trpc.users.update.mutationOptions({ onSuccess: () => refresh("Role saved.") }),
  );
  const setActive = useMutation(
    trpc.users.setActive.mutationOptions({
      onSuccess: (u) => refresh(u.active ? "Reactivated." : "Deactivated."),
    }),
  );
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: () => {
        setPassword("");
        return refresh("Temporary password set.");
      },
    }),
  );
  const rename = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        return refresh("Name and email saved.");
      },
    }),
  );
  const error = update.error ?? setActive.error ?? reset.error;
  const changed =
    role !== user.role || storeId !== (user.storeId === null ? "" : String(user.storeId));
  return (
    <tr className="border-t border-slate-100 align-top" data-testid={`user-${user.email}`}>
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {editing ? (
          <form
            className="space-y-2"
            aria-label={`Name and email of ${user.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              rename.mutate({
                id: user.id,
                name,
                email: email.trim(),
                role: user.role,
                storeId: user.storeId,
              });
            }}
          >
            <Input
              aria-label="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={120}
              className="w-56"
            />
            <Input
              aria-label="Email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              maxLength={320}
              className="w-56"
            />
            <div className="flex gap-2">
              <Button type="submit" variant="secondary" disabled={rename.isPending}>
                {rename.isPending ? "Saving…" : "Save"}
              </Button>
              <Button
                type="button"
                variant="ghost"
                onClick={() => {
                  setEditing(false);
                  setName(user.name);
                  setEmail(user.email);
                  rename.reset();
                }}
              >
                Cancel
              </Button>
            </div>
            {rename.error ? (
              <p role="alert" className="max-w-56 text-sm font-normal text-rose-700">
                {rename.error.message}
              </p>
            ) : null}
          </form>
        ) : (
          <>
            {user.name} {user.active ? null : <Badge tone="rose">Deactivated</Badge>}
            <span className="block text-xs font-normal text-slate-500">{user.email}</span>
            <button
              type="button"
              className="text-xs font-normal text-teal-800 underline hover:text-teal-900"
              aria-label={`Edit name and email of ${user.name}`}
              onClick={() => {
                setName(user.name);
                setEmail(user.email);
                setEditing(true);
              }}
            >
              Edit
            </button>
          </>
        )}
      </th>
      <td className="px-3 py-2">
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({
              id: user.id,
              name: user.name,
              role,
              storeId: role === "store_manager" && storeId ? Number(storeId) : null,
            });
          }}
        >
          <Select
            aria-label={`Role of ${user.name}`}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className="w-40"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </Select>
          {role === "store_manager" ? (
            <Select
              aria-label={`Store of ${user.name}`}
              value={storeId}
              onChange={(e) => setStoreId(e.target.value)}
              className="w-48"
            >
              <option value="">Choose a store</option>
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          ) : null}
          {changed ? (
            <Button type="submit" variant="secondary" disabled={update.isPending}>
              Save role
            </Button>
          ) : null}
        </form>
      </td>
      <td className="px-3 py-2">
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate({ id: user.id, password });
          }}
        >
          <Input
            aria-label={`New temporary password for ${user.name}`}
            placeholder="New temporary password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="off"
            className="w-52"
            required
          />
          <Button type="submit" variant="secondary" disabled={reset.isPending}>
            Reset
          </Button>
        </form>
      </td>
      <td className="px-3 py-2">
        <Button
          type="button"
          variant="secondary"
          disabled={setActive.isPending}
          onClick={() => setActive.mutate({ id: user.id, active: !user.active })}
        >
          {user.active ? "Deactivate" : "Reactivate"}
        </Button>
        {error ? (
          <p role="alert" className="mt-1 max-w-56 text-sm text-rose-700">
            {error.message}
          </p>
        ) : notice ? (
          <p role="status" className="mt-1 text-xs text-teal-800">
            {notice}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
