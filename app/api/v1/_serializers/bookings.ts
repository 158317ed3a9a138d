// The API's JSON shape of a booking.
import type { BookingWithSeats } from "@/lib/booking/queries";

/** A booking with its seats as the API shows it (a hold, or the booking it became). */
export function bookingJson(hold: BookingWithSeats) {
  return {
    id: hold.id,
    reference: hold.reference,
    showId: hold.showId,
    status: hold.status,
    currency: hold.currency,
    subtotalMinor: hold.subtotalMinor,
    totalMinor: hold.totalMinor,
    expiresAt: hold.expiresAt?.toISOString() ?? null,
    createdAt: hold.createdAt.toISOString(),
    // A standing place names its zone (zoneId); a reserved seat has none.
    seats: hold.seats.map((s) => ({ id: s.seatId, label: s.label, type: s.type, priceMinor: s.priceMinor, zoneId: s.zoneId ?? null })),
  };
}
