// The API's JSON shape of a waitlist entry.
import type { WaitlistEntry } from "@/lib/waitlist/entries";

export function waitlistEntryJson(e: WaitlistEntry) {
  return {
    id: e.id,
    showId: e.showId,
    zoneId: e.zoneId,
    zoneName: e.zoneName,
    quantity: e.quantity,
    status: e.status,
    position: e.position,
    offer: e.status === "OFFERED" && e.bookingId
      ? { bookingId: e.bookingId, places: e.places, offeredAt: e.offeredAt?.toISOString() ?? null, expiresAt: e.offerExpiresAt?.toISOString() ?? null }
      : null,
    createdAt: e.createdAt.toISOString(),
  };
}
