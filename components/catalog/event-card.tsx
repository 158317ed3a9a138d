import Link from "next/link";
import type { EventCard as Card } from "@/lib/catalog/events";
import { CATEGORY_LABELS } from "@/lib/catalog/filters";
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";

export function EventCard({ event, timeZone, priority = false }: { event: Card; timeZone: string; priority?: boolean }) {
  const when = formatInZone(event.nextShowAt, timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
  return (
    <li className="group">
      <Link href={`/events/${event.slug}`} className="block rounded-xl focus-visible:outline-offset-4" data-testid="event-card">
        <div className="relative aspect-[2/3] overflow-hidden rounded-xl bg-slate-200 shadow-sm ring-1 ring-black/5">
          {event.posterUrl && (
            // Posters are small generated SVGs: no image optimisation needed.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={event.posterUrl}
              alt=""
              loading={priority ? "eager" : "lazy"}
              className="h-full w-full object-cover transition duration-300 group-hover:scale-[1.03]"
            />
          )}
          {event.ratingTenths !== null && (
            <span className="absolute bottom-0 left-0 right-0 bg-black/75 px-2 py-1 text-xs text-white">
              <span aria-hidden className="text-brand-500">★</span> {(event.ratingTenths / 10).toFixed(1)}/10
            </span>
          )}
        </div>
        <h3 className="mt-2 line-clamp-2 font-semibold leading-snug text-ink-900 group-hover:text-brand-600">{event.title}</h3>
        <p className="text-sm text-slate-600">
          {CATEGORY_LABELS[event.category]}
          {event.languages.length > 0 && ` · ${event.languages.slice(0, 2).join(", ")}`}
        </p>
        <p className="text-sm text-slate-600">
          <time dateTime={event.nextShowAt.toISOString()}>{when}</time>
        </p>
        <p className="text-sm font-medium text-ink-800">from {formatMoney(event.minPriceMinor, event.currency)}</p>
      </Link>
    </li>
  );
}

export function EventGrid({ events, timeZone, label }: { events: Card[]; timeZone: string; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6">
      {events.map((e, i) => (
        <EventCard key={e.id} event={e} timeZone={timeZone} priority={i < 6} />
      ))}
    </ul>
  );
}
