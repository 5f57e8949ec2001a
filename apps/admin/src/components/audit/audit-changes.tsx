/** A change record as "field: before → after" lines; anything else as compact JSON. */
export function AuditChanges({ changes }: { changes: Record<string, unknown> }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  const show = (v: unknown) =>
    v === null || v === undefined ? "none" : typeof v === "string" ? v : JSON.stringify(v);
  return (
    <ul className="space-y-0.5 text-xs">
      {entries.map(([field, value]) => {
        const diff = value as { from?: unknown; to?: unknown } | null;
        const isDiff = diff !== null && typeof diff === "object" && "to" in diff;
        return (
          <li key={field} className="break-all">
            <span className="font-medium">{field}</span>:{" "}
            {isDiff ? `${show(diff.from)} → ${show(diff.to)}` : show(value)}
          </li>
        );
      })}
    </ul>
  );
}
