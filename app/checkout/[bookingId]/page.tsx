import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PaymentPanel } from "@/components/checkout/payment-panel";
import { quoteBooking } from "@/lib/booking/quote";
import { env } from "@/lib/env.js";
import { activeGatewayName } from "@/lib/payments/gateways";
import { TEST_VALUES } from "@/lib/payments/gateways/local-methods";
import { describeMethod, listSavedMethods } from "@/lib/payments/saved-methods";
import { ChangeSeatsButton } from "@/components/checkout/change-seats-button";
import { CheckoutProvider } from "@/components/checkout/checkout-state";
import { HoldCountdown } from "@/components/checkout/hold-countdown";
import { OrderBar, QuoteTotal } from "@/components/checkout/order-bar";
import { cancelPolicy } from "@/lib/booking/cancel";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { getShow } from "@/lib/catalog/shows";
import { formatMoney } from "@/lib/format/money";
import { placeGroupText } from "@/lib/format/places";
import { AppError } from "@/lib/errors";
import { getBooking } from "@/lib/booking/queries";
import { formatInZone } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Checkout" };

const TYPE_LABEL: Record<string, string> = { REGULAR: "Regular", PREMIUM: "Premium", VIP: "VIP", RECLINER: "Recliner", ACCESSIBLE: "Wheelchair space", COMPANION: "Companion seat", GA: "General admission" };

export default async function CheckoutPage({ params }: { params: Promise<{ bookingId: string }> }) {
  const { bookingId } = await params;
  const user = await requirePageUser(`/checkout/${bookingId}`);
  if (!/^[0-9a-f-]{36}$/i.test(bookingId)) notFound();
  const hold = await getBooking(user.id, bookingId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  if (hold.status === "CONFIRMED") redirect(`/account/bookings/${hold.id}`);
  // The event may have been unpublished since: the booking page tells what became of it.
  const { show, event, venue, section } = await getShow(hold.showId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") redirect(`/account/bookings/${hold.id}`);
    throw err;
  });
  // The seat map takes reserved seats back by label; zone places are picked by quantity there.
  const labels = hold.seats.filter((s) => !s.zoneId).map((s) => s.label).join(",");
  // A zone's places are one line, "Fan Pit × 3", at their total: they are interchangeable.
  const lines: { key: string; label: string; type: string; priceMinor: number; count: number }[] = [];
  for (const s of hold.seats) {
    const same = s.zoneId ? lines.find((l) => l.key === s.zoneId) : undefined;
    if (same) {
      same.count += 1;
      same.priceMinor += s.priceMinor;
    } else lines.push({ key: s.zoneId ?? s.seatId, label: s.label, type: s.type, priceMinor: s.priceMinor, count: 1 });
  }
  const backHref = `/shows/${hold.showId}?${new URLSearchParams(labels ? { seats: labels } : {})}`;
  const live = (hold.status === "LOCKED" || hold.status === "PAYMENT_PENDING") && hold.expiresAt !== null && !hold.expired;
  const gateway = activeGatewayName();
  const [quote, saved] = live ? await Promise.all([quoteBooking(user.id, hold.id), listSavedMethods(user.id)]) : [null, []];
  const when = formatInZone(show.startsAt, venue.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });

  // The same rule cancelling applies (lib/booking/cancel.ts), stated before paying.
  const policy = cancelPolicy(show);
  const seatCount = `${hold.seats.length} ${hold.seats.length === 1 ? "ticket" : "tickets"}`;

  const summary = (
    <aside aria-labelledby="summary-title" className="space-y-4 md:sticky md:top-4 md:col-start-2 md:row-start-1">
      {live ? (
        <div className="hidden md:block">
          <HoldCountdown />
        </div>
      ) : null}
      <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="summary-title" className="font-semibold">
          {event.title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          <time dateTime={show.startsAt.toISOString()}>{when}</time>
          <br />
          {venue.name}, {section.name}
        </p>
        <ul className="mt-4 divide-y divide-slate-100 text-sm" aria-label="Seats">
          {lines.map((s) => (
            <li key={s.key} className="flex justify-between py-2">
              <span>
                <span className="font-semibold">{placeGroupText({ name: s.label, count: s.count })}</span> <span className="text-slate-500">{TYPE_LABEL[s.type] ?? s.type}</span>
              </span>
              <span>{formatMoney(s.priceMinor, hold.currency)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-2 space-y-1 border-t border-slate-200 pt-3 text-sm">
          <div className="flex justify-between">
            <dt className="text-slate-600">Tickets ({hold.seats.length})</dt>
            <dd>{formatMoney(hold.subtotalMinor, hold.currency)}</dd>
          </div>
          {live && quote ? (
            <div className="flex justify-between font-semibold">
              <dt>Total with fees</dt>
              <dd className="tabular-nums">
                <QuoteTotal />
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="mt-1 text-xs text-slate-500">Fees, tax and any promo code are itemised with the payment.</p>
        <p className="mt-1 text-xs text-slate-500">Booking reference {hold.reference}</p>
        {live ? (
          <div className="mt-4 flex flex-col gap-2">
            <ChangeSeatsButton bookingId={hold.id} backHref={backHref} />
          </div>
        ) : null}
      </div>
    </aside>
  );

  const page = (
    <div className="mx-auto max-w-5xl">
      <Link href={backHref} className="text-sm text-brand-600 hover:underline">
        ‹ Seat map
      </Link>
      <h1 id="checkout-title" className="mb-3 text-2xl font-bold">
        Checkout
      </h1>
      {/* On a phone: what you buy, then how you pay, with the order and the clock stuck on top. */}
      {live ? <OrderBar title={event.title} detail={`${seatCount} · ${when} · ${venue.name}`} /> : null}
      <div className="mt-3 grid gap-4 md:grid-cols-[minmax(0,1fr)_320px] md:items-start md:gap-6">
        {summary}
        <section aria-labelledby="checkout-title" className="space-y-4 md:col-start-1 md:row-start-1">
          {live ? null : (
            <div role="alert" className="rounded-xl bg-amber-50 p-4 text-amber-900 ring-1 ring-amber-200">
              <p className="font-semibold">
                {hold.status === "EXPIRED" || hold.status === "LOCKED" || hold.status === "PAYMENT_PENDING"
                  ? "This hold has ended and its seats were released."
                  : `This booking is ${hold.status.toLowerCase().replace("_", " ")}.`}
              </p>
              <Link href={backHref} className="mt-2 inline-block font-medium underline">
                Pick seats again
              </Link>
            </div>
          )}
          {live && quote ? (
            <PaymentPanel
              bookingId={hold.id}
              policy={policy}
              timeZone={venue.timeZone}
              saved={saved.filter((m) => m.provider === gateway).map((m) => ({ id: m.id, label: describeMethod(m) }))}
              testValues={gateway === "local" ? TEST_VALUES : null}
              stripeKey={gateway === "stripe" ? (env().STRIPE_PUBLISHABLE_KEY ?? null) : null}
            />
          ) : null}
        </section>
      </div>
    </div>
  );

  return live && quote ? (
    <CheckoutProvider initialQuote={quote} expiresAt={hold.expiresAt!.toISOString()} backHref={`${backHref}&expired=1`}>
      {page}
    </CheckoutProvider>
  ) : (
    page
  );
}
