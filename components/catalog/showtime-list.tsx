import Link from "next/link";
import type { Admission, Showtime } from "@/lib/catalog/showtimes";
import type { VenueGroup } from "@/lib/catalog/showtime-groups";
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";

const ADMISSION_NOTE: Record<Admission, string | null> = {
  SEATED: null,
  STANDING: "Standing · general admission",
  MIXED: "Standing zones and reserved seats",
  TIMED_ENTRY: "Timed entry · arrive within your slot",
};

/** "Sold out", "3 left" when few remain, else how many of the allowance are left. */
function slotLeft(available: number, total: number): string {
  if (available === 0) return "Sold out";
  return available <= Math.max(5, total * 0.2) ? `Only ${available} left` : `${available} left`;
}

function ShowtimeChip({ s, hall, admission, timeZone }: { s: Showtime; hall: string; admission: Admission; timeZone: string }) {
  const left = s.availableSeats / Math.max(s.totalSeats, 1);
  const tone = s.availableSeats === 0 ? "text-slate-400 ring-slate-200" : left < 0.2 ? "text-amber-700 ring-amber-400" : "text-emerald-700 ring-emerald-500";
  const time = formatInZone(s.startsAt, timeZone, { hour: "numeric", minute: "2-digit" });
  const timed = admission === "TIMED_ENTRY";
  const kind = [s.format, s.language].filter(Boolean).join(" ");
  if (timed && s.availableSeats === 0) {
    return (
      <span className="flex flex-col items-center rounded-lg bg-slate-50 px-3 py-1.5 text-sm text-slate-400 ring-1 ring-slate-200" aria-label={`${time} entry slot, sold out, ${hall}`}>
        <span className="font-semibold line-through">{time}</span>
        <span className="text-[11px] uppercase">Sold out</span>
      </span>
    );
  }
  return (
    <Link
      href={`/shows/${s.id}`}
      className={`flex min-h-11 flex-col items-center justify-center rounded-lg bg-white px-3 py-1.5 text-sm ring-1 hover:bg-slate-50 ${tone}`}
      aria-label={
        s.onSaleAt
          ? `${time}, ${kind}, on sale ${formatInZone(s.onSaleAt, timeZone, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" })}, ${hall}`
          : timed
            ? `${time} entry slot, ${s.availableSeats} of ${s.totalSeats} places left, ${formatMoney(s.minPriceMinor, s.currency)}, ${hall}`
            : `${time}, ${kind}, ${s.availableSeats} of ${s.totalSeats} seats left, from ${formatMoney(s.minPriceMinor, s.currency)}, ${hall}`
      }
    >
      <span className="font-semibold">{time}</span>
      <span className="text-[11px] uppercase text-slate-500">
        {s.onSaleAt
          ? `On sale ${formatInZone(s.onSaleAt, timeZone, { day: "numeric", month: "short" })}`
          : timed
            ? slotLeft(s.availableSeats, s.totalSeats)
            : [s.format, s.language].filter(Boolean).join(" · ")}
      </span>
    </Link>
  );
}

/** One day's show times: a heading per venue, its halls (screens, stages) each with their times. */
export function ShowtimeList({ groups, date }: { groups: VenueGroup[]; date: string }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-xl bg-white shadow-sm ring-1 ring-black/5" data-testid="showtimes">
      {groups.map(({ venue, halls }) => (
        <li key={venue.id} className="flex flex-col gap-3 p-4 md:flex-row md:items-start" data-testid="venue-showtimes">
          <div className="md:w-72 md:shrink-0">
            <h3 className="font-semibold">
              <Link href={`/venues/${venue.slug}?date=${date}`} className="hover:text-brand-600 hover:underline">
                {venue.name}
              </Link>
            </h3>
            <p className="text-sm text-slate-600">{venue.address}</p>
          </div>
          <div className="min-w-0 flex-1 space-y-3">
            {halls.map(({ section, shows }) => (
              <div key={section.id} className="flex flex-col gap-1.5 sm:flex-row sm:items-start sm:gap-3" data-testid="hall-showtimes">
                <p className="text-sm font-medium text-slate-700 sm:w-32 sm:shrink-0 sm:pt-2">
                  {section.name}
                  {ADMISSION_NOTE[section.admission] && (
                    <span className="mt-0.5 block w-fit rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{ADMISSION_NOTE[section.admission]}</span>
                  )}
                </p>
                <ul className="flex flex-wrap gap-2" aria-label={`Shows in ${section.name} at ${venue.name}`}>
                  {shows.map((s) => (
                    <li key={s.id}>
                      <ShowtimeChip s={s} hall={section.name} admission={section.admission} timeZone={venue.timeZone} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
