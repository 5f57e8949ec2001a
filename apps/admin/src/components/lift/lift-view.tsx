"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState, ErrorNotice, Skeleton } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { ControlledLiftCard } from "./controlled-lift-card";
import { DiffInDiffCard } from "./diff-in-diff-card";
import type { BusinessFormat } from "./lift-format";
import { LiftSideBySide } from "./lift-side-by-side";
import type { LiftInput } from "./search";

/** Every program that has run: side by side first, then one card per program. */
export function LiftView({ input, business }: { input: LiftInput; business: BusinessFormat }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.lift.report.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  if (query.error)
    return (
      <ErrorNotice title="The measured lift could not be computed">
        {query.error.message} Change the settings above and update.
      </ErrorNotice>
    );
  const report = query.data;
  if (!report) return <Skeleton className="h-96" />;
  if (report.programs.length === 0)
    return (
      <EmptyState
        title="No program has run yet"
        action={
          <Link href="/programs" className="text-sm font-medium text-teal-800 hover:underline">
            Go to Programs
          </Link>
        }
      >
        Activate a program with a control group (10% is the default): its members are then compared
        with the customers held out, and the lift shows here once the first customers have been
        enrolled for {report.windowWeeks} weeks.
      </EmptyState>
    );
  const withControl = report.programs.filter((p) => p.method === "control");
  return (
    <div className="space-y-6">
      {withControl.length === 0 ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          None of the programs that have run has a control group, so only weaker
          difference-in-differences estimates are possible. Give the next program a control group in
          its designer to measure its lift properly.
        </p>
      ) : null}
      <LiftSideBySide report={report} business={business} />
      {report.programs.map((p) =>
        p.method === "control" ? (
          <ControlledLiftCard
            key={p.id}
            program={p}
            business={business}
            windowWeeks={report.windowWeeks}
          />
        ) : (
          <DiffInDiffCard
            key={p.id}
            program={p}
            business={business}
            windowWeeks={report.windowWeeks}
          />
        ),
      )}
    </div>
  );
}
