import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-6xl font-extrabold text-brand-500">404</p>
      <h1 className="mt-2 text-xl font-bold">We couldn&apos;t find that page</h1>
      <p className="mt-2 text-slate-600">The event may have ended or the link may be wrong.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-brand-500 px-4 py-2 font-medium text-white">
        Back to what&apos;s on
      </Link>
    </div>
  );
}
