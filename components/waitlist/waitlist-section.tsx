// The show page's waitlist, decided on the server: shown when the show's reserved seats or a zone
// are sold out (or people already wait for them), or when the viewer is in line.
import "server-only";
import { placesText } from "@/lib/format/places";
import { MAX_SEATS_PER_BOOKING, type SeatMapLayout } from "@/lib/seating/types";
import { RESERVED_SCOPE, waitingScopes } from "@/lib/seating/waitlist-guard";
import { formatInZone } from "@/lib/time/zone";
import { myWaitlistEntries } from "@/lib/waitlist/entries";
import { WaitlistPanel, type PanelEntry, type PanelScope } from "./waitlist-panel";

export async function WaitlistSection({ showId, layout, status, userId, onSale, timeZone }: {
  showId: string;
  layout: SeatMapLayout;
  status: string;
  userId: string | null;
  onSale: boolean;
  timeZone: string;
}) {
  const [lines, mine] = await Promise.all([waitingScopes(showId), userId ? myWaitlistEntries(userId, showId, { liveOnly: true }) : []]);
  const scopes: PanelScope[] = [];
  if (onSale) {
    const seats = layout.seats.filter((s) => s.priceMinor >= 0);
    if (seats.length && (lines.has(RESERVED_SCOPE) || layout.seats.every((s, i) => s.priceMinor < 0 || status[i] !== "A"))) scopes.push({ id: null, name: "Seats" });
    for (const z of layout.zones) {
      if (z.priceMinor < 0 || z.capacity === 0) continue;
      const base = layout.seats.length + z.unitStart;
      let free = 0;
      for (let i = base; i < base + z.capacity; i++) if (status[i] === "A") free++;
      if (free === 0 || lines.has(z.id)) scopes.push({ id: z.id, name: z.name });
    }
  }
  if (scopes.length === 0 && mine.length === 0) return null;
  const entries: PanelEntry[] = mine.map((e) => ({
    id: e.id,
    zoneId: e.zoneId,
    scope: e.zoneName ?? "Seats",
    quantity: e.quantity,
    status: e.status === "OFFERED" ? "OFFERED" : "WAITING",
    position: e.position,
    bookingId: e.bookingId,
    places: e.places.length ? `${e.zoneId ? "" : e.places.length > 1 ? "Seats " : "Seat "}${placesText(e.places)}` : `${e.quantity} tickets`,
    until: e.offerExpiresAt ? formatInZone(e.offerExpiresAt, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) : null,
  }));
  return (
    <WaitlistPanel
      showId={showId}
      scopes={scopes}
      entries={entries}
      signedIn={Boolean(userId)}
      maxQuantity={MAX_SEATS_PER_BOOKING}
      signInHref={`/signin?callbackUrl=${encodeURIComponent(`/shows/${showId}`)}`}
    />
  );
}
