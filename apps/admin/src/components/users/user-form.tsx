"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { roleLabels, roles, type Role } from "@boomerang/domain";
import { Button, Card, CardBody, CardHeader, Field, Input, Select } from "@boomerang/ui";
import { fieldErrorsOf } from "@/components/settings/field-errors";
import { useTRPC } from "@/trpc/react";

type StoreOption = { id: number; name: string };

/** A new account with a temporary password the admin passes on. */
export function NewUserForm({ stores }: { stores: StoreOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const empty = { email: "", name: "", role: "analyst" as Role, storeId: "", password: "" };
  const [values, setValues] = useState(empty);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        setValues(empty);
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(create.error);
  return (
    <Card>
      <CardHeader
        title="Add a user"
        description="Give them the temporary password; they sign in with it right away."
      />
      <CardBody>
        <form
          className="grid gap-3 md:grid-cols-5"
          aria-label="Add a user"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              email: values.email,
              name: values.name,
              role: values.role,
              storeId:
                values.role === "store_manager" && values.storeId ? Number(values.storeId) : null,
              password: values.password,
            });
          }}
        >
          <Field label="Name" htmlFor="new-name" error={errors.name}>
            <Input
              id="new-name"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
              required
            />
          </Field>
          <Field label="Email" htmlFor="new-email" error={errors.email}>
            <Input
              id="new-email"
              type="email"
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.target.value })}
              required
            />
          </Field>
          <Field label="Role" htmlFor="new-role" error={errors.role}>
            <Select
              id="new-role"
              value={values.role}
              onChange={(e) => setValues({ ...values, role: e.target.value as Role })}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Store"
            htmlFor="new-store"
            error={errors.storeId}
            hint="Store managers only"
          >
            <Select
              id="new-store"
              value={values.storeId}
              disabled={values.role !== "store_manager"}
              onChange={(e) => setValues({ ...values, storeId: e.target.value })}
            >
              <option value="">No store</option>
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Temporary password"
            htmlFor="new-password"
            error={errors.password}
            hint="At least 10 characters"
          >
            <Input
              id="new-password"
              type="text"
              autoComplete="off"
              value={values.password}
              onChange={(e) => setValues({ ...values, password: e.target.value })}
              required
            />
          </Field>
          <div className="flex items-center gap-3 md:col-span-5">
            <Button type="submit" disabled={create.isPending}>
              Add user
            </Button>
            {create.error && Object.keys(errors).length === 0 ? (
              <p role="alert" className="text-sm text-rose-700">
                {create.error.message}
              </p>
            ) : null}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
