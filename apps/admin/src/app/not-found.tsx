import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        The address may be mistyped, or the page has moved.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-teal-700 underline">
        Back to the overview
      </Link>
    </main>
  );
}
