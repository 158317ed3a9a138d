import Link from "next/link";
import type { EventCard as Card } from "@/lib/catalog/events";
import { EventCard } from "./event-card";

/** A titled, horizontally scrolling row of event cards with a "See all" link. */
export function Rail({ title, events, href, timeZone, empty }: { title: string; events: Card[]; href: string; timeZone: string; empty: string }) {
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <section aria-labelledby={id} className="mb-10">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id={id} className="text-xl font-bold text-ink-900">
          {title}
        </h2>
        <Link href={href} className="text-sm font-medium text-brand-600 hover:underline">
          See all <span aria-hidden>›</span>
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">{empty}</p>
      ) : (
        <ul className="scrollbar-none -mx-4 flex snap-x gap-4 overflow-x-auto px-4 pb-2 [&>li]:w-36 [&>li]:shrink-0 [&>li]:snap-start sm:[&>li]:w-44">
          {events.map((e, i) => (
            <EventCard key={e.id} event={e} timeZone={timeZone} priority={i < 4} />
          ))}
        </ul>
      )}
    </section>
  );
}
