import Link from "next/link";
import { creditLine, groupCredits, initials, type Credit } from "@/lib/catalog/credit-groups";

/** "Cast & crew", "Artists", "Teams", "Speakers": each person links to their page. */
export function CreditsList({ credits }: { credits: Credit[] }) {
  const groups = groupCredits(credits);
  if (groups.length === 0) return null;
  return (
    <div className="mt-10 space-y-6" data-testid="credits">
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`credits-${g.key}`}>
          <h2 id={`credits-${g.key}`} className="mb-3 text-xl font-bold">
            {g.heading}
          </h2>
          <ul className="scrollbar-none -mx-4 flex gap-4 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
            {g.credits.map((c) => (
              <li key={`${c.personId}-${c.role}`} className="w-24 shrink-0 text-center">
                <Link href={`/people/${c.slug}`} className="group block rounded-lg focus-visible:outline-offset-4">
                  <span aria-hidden className="mx-auto flex h-20 w-20 items-center justify-center rounded-full bg-slate-200 text-lg font-bold text-slate-600 ring-1 ring-black/5 group-hover:ring-brand-500">
                    {initials(c.name)}
                  </span>
                  <span className="mt-2 block text-sm font-semibold leading-tight text-ink-900 group-hover:text-brand-600">{c.name}</span>
                  <span className="block text-xs leading-tight text-slate-600">{creditLine(c)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
