"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-bold">Something went wrong on our side</h1>
      <p className="mt-2 text-slate-600">Please try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-lg bg-brand-500 px-4 py-2 font-medium text-white">
        Try again
      </button>
    </div>
  );
}
