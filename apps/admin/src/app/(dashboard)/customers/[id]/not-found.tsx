import Link from "next/link";

export default function CustomerNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-semibold">Customer not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        There is no such customer among the ones you can see. Search for them in the list instead.
      </p>
      <Link
        href="/customers"
        className="mt-6 inline-block text-sm font-medium text-teal-700 underline"
      >
        Back to customers
      </Link>
    </div>
  );
}
