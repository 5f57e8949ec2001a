import Link from "next/link";
import { Card, CardBody } from "@boomerang/ui";
import type { CatalogType } from "./editor-state";

/** The catalog page: every program type explained, so the marketer picks with open eyes. */
export function TypeCatalog({ types }: { types: CatalogType[] }) {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New program</h1>
        <p className="text-sm text-slate-500">
          Pick a type. Each one can be tuned on the next page, with a live preview on your own
          customers.
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {types.map((type) => (
          <Card key={type.id} className="flex flex-col">
            <CardBody className="flex flex-1 flex-col gap-3">
              <h2 className="text-base font-semibold text-slate-900">{type.name}</h2>
              <p className="text-sm text-slate-700">{type.description}</p>
              <div className="grid grid-cols-2 gap-3 text-sm">
                <div>
                  <p className="font-medium text-teal-800">Strengths</p>
                  <ul className="list-disc pl-4 text-slate-700">
                    {type.strengths.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </div>
                <div>
                  <p className="font-medium text-rose-800">Weaknesses</p>
                  <ul className="list-disc pl-4 text-slate-700">
                    {type.weaknesses.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </div>
              </div>
              {type.typical ? (
                <p className="text-sm text-slate-600">
                  <span className="font-medium">Typical: </span>
                  {type.typical}
                </p>
              ) : null}
              <div className="mt-auto">
                <Link
                  href={`/programs/new/${type.id}`}
                  aria-label={`Design a ${type.name.toLowerCase()} program`}
                  className="inline-flex rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800"
                >
                  Design a {type.name.toLowerCase()}
                </Link>
              </div>
            </CardBody>
          </Card>
        ))}
      </div>
    </div>
  );
}
