import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SeatMap } from "@/components/seatmap/seat-map";
import { ZonePicker } from "@/components/seatmap/zone-picker";
import { WaitlistSection } from "@/components/waitlist/waitlist-section";
import { seatIdsFromParam } from "@/components/seatmap/seats-param";
import { holdSeatsAction } from "@/app/actions/seating";
import { sessionUser } from "@/lib/auth/current-user";
import { getShow, showIdParams } from "@/lib/catalog/shows";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format/money";
import { placesText } from "@/lib/format/places";
import { findActiveHold } from "@/lib/booking/hold";
import { getAvailability, getSeatMapLayout, occupancyOf, zoneAvailability } from "@/lib/seating/availability";
import { applyFactor, priceFactor } from "@/lib/pricing/strategy";
import { formatInZone } from "@/lib/time/zone";
import { WaitingRoom } from "@/components/onsale/waiting-room";
import { onSaleGate } from "@/lib/onsale/page";

type Props = { params: Promise<{ showId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// generateMetadata and the page render in the same request: one read, not two.
const showOnce = cache((id: string) => getShow(id));

async function load(showId: string) {
  if (!showIdParams.safeParse({ showId }).success) notFound();
  try {
    return await showOnce(showId);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { showId } = await params;
  const s = showIdParams.safeParse({ showId }).success ? await showOnce(showId).catch(() => null) : null;
  return s ? { title: `${s.event.title} at ${s.venue.name}` } : {};
}

export default async function ShowPage({ params, searchParams }: Props) {
  const { showId } = await params;
  const query = await searchParams;
  const { show, event, venue, section, prices, onSale } = await load(showId);
  const [baseLayout, snapshot, user] = await Promise.all([getSeatMapLayout(showId), getAvailability(showId), sessionUser()]);
  // Dynamic pricing: the map shows today's prices (the hold fixes them).
  const factor = priceFactor({ pricingStrategy: show.pricingStrategy, pricingConfig: show.pricingConfig, startsAt: show.startsAt }, occupancyOf(baseLayout, snapshot.status), snapshot.at);
  const layout = factor === 1 ? baseLayout : { ...baseLayout, seats: baseLayout.seats.map((s) => (s.priceMinor < 0 ? s : { ...s, priceMinor: applyFactor(s.priceMinor, factor) })) };
  const hold = user ? await findActiveHold(user.id, showId) : null;
  // An on-sale that has not started, or a waiting room this visitor is not through yet, stands in front of the seats.
  const gate = onSale ? await onSaleGate(showId, user?.id ?? null, venue.timeZone) : null;
  const heldByMe = hold?.status === "LOCKED" ? hold.seats.filter((s) => !s.zoneId).map((s) => s.seatId) : [];
  const heldZones: Record<string, number> = {};
  if (hold?.status === "LOCKED") for (const s of hold.seats) if (s.zoneId) heldZones[s.zoneId] = (heldZones[s.zoneId] ?? 0) + 1;
  const liveZones = new Map(zoneAvailability(layout, snapshot.status).map((z) => [z.zoneId, z]));
  // A zone this show does not sell is not offered at all (rather than shown as sold out).
  const pickerZones = layout.zones.filter((z) => z.priceMinor >= 0).map((z) => ({
    id: z.id,
    name: z.name,
    kind: z.kind,
    priceMinor: z.priceMinor < 0 ? -1 : factor === 1 ? z.priceMinor : applyFactor(z.priceMinor, factor),
    capacity: z.capacity,
    available: liveZones.get(z.id)?.available ?? 0,
  }));

  // ?seats=F11,F12 (labels, so a shared or sign-in return URL stays readable) preselects seats.
  const initialSelection = typeof query.seats === "string" ? seatIdsFromParam(layout, query.seats) : heldByMe;

  const tz = venue.timeZone;
  const when = formatInZone(show.startsAt, tz, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" });
  const cheapest = prices.length ? Math.min(...prices.map((p) => p.priceMinor)) : null;
  return (
    <article className="mx-auto max-w-6xl">
      <Link href={`/events/${event.slug}`} className="text-sm text-brand-600 hover:underline">
        ‹ {event.title}
      </Link>
      <header className="mt-2 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{event.title}</h1>
          <p className="mt-1 text-slate-700">
            <time dateTime={show.startsAt.toISOString()}>{when}</time>
            {show.format || show.language ? <> · {[show.format, show.language].filter(Boolean).join(" · ")}</> : null}
          </p>
          <p className="text-sm text-slate-600">
            {venue.name}, {section.name}
            {/* The street address is on the venue's and the event's pages; a phone keeps the room for the seats. */}
            <span className="max-sm:hidden"> — {venue.address}</span>
          </p>
        </div>
        {cheapest !== null ? <p className="text-sm text-slate-600">From {formatMoney(cheapest, show.currency)} · times in {tz}</p> : null}
      </header>

      {query.expired === "1" ? (
        <p role="alert" className="mt-4 rounded-xl bg-amber-50 p-4 text-amber-900 ring-1 ring-amber-200">
          Your hold ran out and those seats were released. They are selected again below if they are still free.
        </p>
      ) : null}
      {!onSale ? (
        <p role="status" className="mt-4 rounded-xl bg-amber-50 p-4 text-amber-800 ring-1 ring-amber-200">
          {show.status === "CANCELLED" ? "This show has been cancelled." : "This show has already started; tickets are no longer on sale."}
        </p>
      ) : null}
      {hold?.status === "LOCKED" && hold.expiresAt ? (
        <p className="mt-4 rounded-xl bg-slate-100 p-3 text-sm text-ink-800 ring-1 ring-slate-200">
          You are holding {placesText(hold.seats.map((s) => s.label))}.{" "}
          <Link href={`/checkout/${hold.id}`} className="font-semibold text-brand-700 underline">
            Continue to checkout
          </Link>{" "}
          or change your seats below.
        </p>
      ) : null}

      {gate?.notice ? (
        <p role="status" className={`mt-4 rounded-xl p-3 text-sm ring-1 ${gate.locked ? "bg-slate-100 text-ink-800 ring-slate-200" : "bg-emerald-50 font-medium text-emerald-900 ring-emerald-200"}`} data-testid="onsale-notice">
          {gate.notice}
        </p>
      ) : null}
      {gate?.room ? (
        <WaitingRoom showId={showId} signedIn={Boolean(user)} onSaleLabel={gate.onSaleLabel} initialRoom={gate.room} initialStatus={gate.status} />
      ) : (
      <>
      <WaitlistSection showId={showId} layout={layout} status={snapshot.status} userId={user?.id ?? null} onSale={onSale} timeZone={tz} />
      {pickerZones.length ? (
        <div className="mt-4">
          <ZonePicker showId={showId} currency={layout.currency} zones={pickerZones} held={heldZones} keepSeatIds={heldByMe} signedIn={Boolean(user)} onSale={onSale && !gate?.locked} holdAction={holdSeatsAction} />
        </div>
      ) : null}
      {layout.seats.length || !pickerZones.length ? (
      <div className="mt-4">
        <SeatMap
          layout={layout}
          availability={{ showId, version: snapshot.version, status: snapshot.status }}
          heldByMe={heldByMe}
          initialSelection={initialSelection}
          signedIn={Boolean(user)}
          onSale={onSale && !gate?.locked}
          holdAction={holdSeatsAction}
          keepZones={Object.entries(heldZones).map(([zoneId, quantity]) => ({ zoneId, quantity }))}
        />
      </div>
      ) : null}
      </>
      )}
    </article>
  );
}
