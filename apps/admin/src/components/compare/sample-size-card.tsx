"use client";

import { useState } from "react";
import { sampleSize, weeksNeeded } from "@boomerang/domain/simulation";
import { Card, CardBody, CardHeader, Field, formatNumber, Input } from "@boomerang/ui";

const num = (text: string): number => Number(text.replace(",", "."));

/**
 * How many members and control customers, and how many weeks, are needed to see the expected
 * effect on the repeat-purchase rate (two-proportion test, 5% significance, 80% power).
 */
export function SampleSizeCard({ locale }: { locale: string }) {
  const [baseline, setBaseline] = useState("30");
  const [lift, setLift] = useState("3");
  const [control, setControl] = useState("10");
  const [weekly, setWeekly] = useState("400");
  const [window, setWindow] = useState("8");
  const result = sampleSize({
    baselineRate: num(baseline) / 100,
    expectedLift: num(lift) / 100,
    controlShare: num(control) / 100,
  });
  const weeks = result.ok ? weeksNeeded(result.value.total, num(weekly), num(window)) : null;
  return (
    <Card id="control-group-size">
      <CardHeader
        title="Control group size"
        description="For the expected effect on repeat purchase: 5% significance, 80% power."
      />
      <CardBody>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Repeat rate without the program (%)" htmlFor="ss-baseline">
            <Input
              id="ss-baseline"
              inputMode="decimal"
              value={baseline}
              onChange={(e) => setBaseline(e.target.value)}
            />
          </Field>
          <Field label="Expected lift (percentage points)" htmlFor="ss-lift">
            <Input
              id="ss-lift"
              inputMode="decimal"
              value={lift}
              onChange={(e) => setLift(e.target.value)}
            />
          </Field>
          <Field
            label="Control group share (%)"
            htmlFor="ss-control"
            hint="Stratify it by store so small stores are represented."
          >
            <Input
              id="ss-control"
              inputMode="decimal"
              value={control}
              onChange={(e) => setControl(e.target.value)}
            />
          </Field>
          <Field label="New customers enrolled per week" htmlFor="ss-weekly">
            <Input
              id="ss-weekly"
              inputMode="decimal"
              value={weekly}
              onChange={(e) => setWeekly(e.target.value)}
            />
          </Field>
          <Field label="Weeks to observe a repeat purchase" htmlFor="ss-window">
            <Input
              id="ss-window"
              inputMode="decimal"
              value={window}
              onChange={(e) => setWindow(e.target.value)}
            />
          </Field>
        </div>
        <p
          className="mt-4 text-sm text-slate-800"
          aria-live="polite"
          data-testid="sample-size-answer"
        >
          {result.ok
            ? `${formatNumber(result.value.members, locale)} members and ${formatNumber(result.value.control, locale)} in control${
                weeks === null
                  ? "."
                  : `: about ${formatNumber(weeks, locale)} weeks of enrolment and observation.`
              }`
            : result.error.charAt(0).toUpperCase() + result.error.slice(1) + "."}
        </p>
      </CardBody>
    </Card>
  );
}
