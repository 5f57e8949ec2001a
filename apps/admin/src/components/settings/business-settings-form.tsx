"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  ErrorNotice,
  Field,
  Input,
  Skeleton,
} from "@boomerang/ui";
import type { RouterOutputs } from "@boomerang/api";
import { useTRPC } from "@/trpc/react";
import { fieldErrorsOf } from "./field-errors";

type Settings = RouterOutputs["settings"]["get"];

/** Business name, currency, locale, time zone and churn window; every page follows them on its next load. */
export function BusinessSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  if (settings.error)
    return <ErrorNotice title="Settings could not be loaded">{settings.error.message}</ErrorNotice>;
  if (!settings.data) return <Skeleton className="h-80" />;
  return <Form initial={settings.data} />;
}

function Form({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    ...initial,
    churnWindowDays: String(initial.churnWindowDays),
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries();
        router.refresh();
      },
    }),
  );
  const errors = fieldErrorsOf(save.error);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setValues({ ...values, [key]: e.target.value });
  };
  return (
    <Card>
      <CardHeader
        title="Business"
        description="Money and dates everywhere in the app follow the currency, locale and time zone set here."
      />
      <CardBody>
        <form
          className="grid max-w-2xl gap-4 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({
              businessName: values.businessName,
              currency: values.currency,
              locale: values.locale,
              timezone: values.timezone,
              churnWindowDays: Number(values.churnWindowDays),
            });
          }}
        >
          <Field label="Business name" htmlFor="businessName" error={errors.businessName}>
            <Input
              id="businessName"
              value={values.businessName}
              onChange={set("businessName")}
              aria-invalid={Boolean(errors.businessName)}
              required
            />
          </Field>
          <Field
            label="Currency"
            htmlFor="currency"
            hint="ISO 4217 code, such as EUR"
            error={errors.currency}
          >
            <Input
              id="currency"
              value={values.currency}
              onChange={set("currency")}
              aria-invalid={Boolean(errors.currency)}
              required
            />
          </Field>
          <Field
            label="Locale"
            htmlFor="locale"
            hint="Language tag, such as en-GB or it-IT"
            error={errors.locale}
          >
            <Input
              id="locale"
              value={values.locale}
              onChange={set("locale")}
              aria-invalid={Boolean(errors.locale)}
              required
            />
          </Field>
          <Field
            label="Time zone"
            htmlFor="timezone"
            hint="IANA name, such as Europe/Rome. Changing it recomputes every customer's cohort months and local days, and the cached figures, in the new zone when you save"
            error={errors.timezone}
          >
            <Input
              id="timezone"
              value={values.timezone}
              onChange={set("timezone")}
              aria-invalid={Boolean(errors.timezone)}
              required
            />
          </Field>
          <Field
            label="Default churn window (days)"
            htmlFor="churnWindowDays"
            hint="A customer without a purchase for this long counts as churned"
            error={errors.churnWindowDays}
          >
            <Input
              id="churnWindowDays"
              type="number"
              min={14}
              max={730}
              value={values.churnWindowDays}
              onChange={set("churnWindowDays")}
              aria-invalid={Boolean(errors.churnWindowDays)}
              required
            />
          </Field>
          <div className="flex items-end gap-3 sm:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save settings"}
            </Button>
            {saved ? (
              <p role="status" className="text-sm text-teal-800">
                Saved. Every page now uses these settings.
              </p>
            ) : null}
            {save.error && Object.keys(errors).length === 0 ? (
              <p role="alert" className="text-sm text-rose-700">
                {save.error.message}
              </p>
            ) : null}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
