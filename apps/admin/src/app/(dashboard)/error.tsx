"use client";

import { Button, ErrorNotice } from "@boomerang/ui";

export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <ErrorNotice title="This page could not be shown">
        {error.message || "An unexpected error occurred."} Try again; if it keeps failing, check the
        server log
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </ErrorNotice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
