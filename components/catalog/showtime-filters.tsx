import Link from "next/link";
import type { ShowFilter } from "@/lib/catalog/showtime-groups";

type Dimension = { key: keyof ShowFilter; label: string; options: string[] };

/**
 * Language and format chips over the show times. Each is a link to the same page with the filter
 * in the URL (shareable, back-button friendly); Next navigates it in place, without a reload or a
 * jump to the top. Pressing the chosen chip again clears it. A dimension with one option is left out.
 */
export function ShowtimeFilters({ languages, formats, active, href }: { languages: string[]; formats: string[]; active: ShowFilter; href: (f: ShowFilter) => string }) {
  // A chosen value nothing plays in (an old link) still gets its chip, so it can be cleared.
  const withActive = (options: string[], v: string | undefined) => (v === undefined || options.some((o) => o.toLowerCase() === v.toLowerCase()) ? options : [...options, v]);
  const dims: Dimension[] = [
    { key: "language", label: "Language", options: withActive(languages, active.language) },
    { key: "format", label: "Format", options: withActive(formats, active.format) },
  ];
  const shown = dims.filter((d) => d.options.length > 1 || active[d.key] !== undefined);
  if (shown.length === 0) return null;
  return (
    <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6" data-testid="showtime-filters">
      {shown.map((d) => {
        const chosen = active[d.key]?.toLowerCase();
        return (
          <div key={d.key} role="group" aria-label={d.label} className="flex min-w-0 items-center gap-2">
            <span className="w-20 shrink-0 text-xs font-semibold uppercase tracking-wide text-slate-500 sm:w-auto">{d.label}</span>
            <ul className="scrollbar-none -mr-4 flex gap-2 overflow-x-auto pr-4 sm:mr-0 sm:flex-wrap sm:pr-0">
              {d.options.map((o) => {
                const on = o.toLowerCase() === chosen;
                return (
                  <li key={o} className="shrink-0">
                    <Link
                      href={href({ ...active, [d.key]: on ? undefined : o })}
                      scroll={false}
                      aria-current={on ? "true" : undefined}
                      className={`inline-flex min-h-9 items-center rounded-full px-3 text-sm font-medium ring-1 ${on ? "bg-ink-900 text-white ring-ink-900" : "bg-white text-ink-800 ring-slate-300 hover:ring-brand-500"}`}
                    >
                      {on ? <span aria-hidden="true" className="mr-1">✓</span> : null}
                      {o}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
