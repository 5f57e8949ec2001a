import { Card, CardBody } from "@boomerang/ui";

/** Said plainly on pages whose capability is still being built; never fake figures. */
export function NotBuilt({ title, what, issue }: { title: string; what: string; issue: number }) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <Card>
        <CardBody className="space-y-2 py-8 text-center">
          <p className="font-medium text-slate-800">This part of Boomerang is not built yet.</p>
          <p className="mx-auto max-w-xl text-sm text-slate-600">{what}</p>
          <p className="text-xs text-slate-500">Tracked in issue #{issue}.</p>
        </CardBody>
      </Card>
    </div>
  );
}
