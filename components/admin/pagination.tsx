import Link from "next/link";

/** The pages to offer around `page`: the first, the last, and two either side, with gaps marked. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const keep = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount));
  const out: (number | "gap")[] = [];
  let last = 0;
  for (const p of [...keep].sort((a, b) => a - b)) {
    if (p > last + 1) out.push("gap");
    out.push(p);
    last = p;
  }
  return out;
}

/** Numbered pages with previous and next; plain links, so it works without JavaScript. */
export function Pagination({ page, pageCount, href, label }: { page: number; pageCount: number; href: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  const cell = "grid h-9 min-w-9 place-items-center rounded-lg px-2 text-sm font-semibold";
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-4 py-3">
      <p className="text-sm text-slate-600">Page {page} of {pageCount}</p>
      <ul className="flex flex-wrap items-center gap-1">
        <li>{page > 1 ? <Link href={href(page - 1)} rel="prev" className={`${cell} ring-1 ring-slate-300 hover:bg-slate-50`}>Previous</Link> : null}</li>
        {pageWindow(page, pageCount).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden className="px-1 text-slate-400">…</li>
          ) : (
            <li key={p}>
              <Link href={href(p)} aria-current={p === page ? "page" : undefined} aria-label={`Page ${p}`} className={`${cell} ${p === page ? "bg-ink-900 text-white" : "ring-1 ring-slate-300 hover:bg-slate-50"}`}>{p}</Link>
            </li>
          ),
        )}
        <li>{page < pageCount ? <Link href={href(page + 1)} rel="next" className={`${cell} ring-1 ring-slate-300 hover:bg-slate-50`}>Next</Link> : null}</li>
      </ul>
    </nav>
  );
}
