"use client";

import { useState } from "react";
import { Button } from "@boomerang/ui";

/** Copies the comparison's address; colleagues with access open the same saved result. */
export function ShareLink({ id }: { id: number }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      onClick={() => {
        void navigator.clipboard
          .writeText(`${window.location.origin}/compare/${id}`)
          .then(() => setCopied(true));
      }}
    >
      {copied ? "Link copied" : "Copy share link"}
    </Button>
  );
}
