// What a show's page puts in front of its seats: nothing; a notice (on sale at a time, or "you're
// through"); or the waiting room for a visitor who is not through yet.
import "server-only";
import { authSecret } from "@/lib/auth/secret";
import { formatInZone } from "@/lib/time/zone";
import { passFromCookies } from "./http";
import { verifyPass } from "./pass";
import { getOnSale, phaseOf, queueStatus, roomState, type QueueStatus, type RoomState } from "./room";

export type OnSaleGate = {
  /** Seats may not be taken yet (the map shows, read-only). */
  locked: boolean;
  notice: string | null;
  onSaleLabel: string;
  /** Set when the waiting room stands in front of the map. */
  room: RoomState | null;
  status: Omit<QueueStatus, "pass"> | null;
};

export async function onSaleGate(showId: string, userId: string | null, timeZone: string): Promise<OnSaleGate | null> {
  const o = await getOnSale(showId);
  const phase = phaseOf(o);
  if (!o || phase === "NONE" || phase === "CLOSED") return null;
  const onSaleLabel = formatInZone(o.onSaleAt, timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
  if (!o.waitingRoom) return { locked: true, notice: `Tickets go on sale ${onSaleLabel}. You can look at the seats now.`, onSaleLabel, room: null, status: null };
  if (phase === "OPEN" && userId) {
    const pass = await passFromCookies(showId);
    try {
      const { expiresAt } = verifyPass(authSecret(), pass, showId, userId);
      const until = formatInZone(expiresAt, timeZone, { hour: "numeric", minute: "2-digit" });
      return { locked: false, notice: `It's your turn: pick your seats by ${until}.`, onSaleLabel, room: null, status: null };
    } catch {
      /* not through yet, or the pass lapsed: the room decides */
    }
  }
  const [room, status] = await Promise.all([roomState(showId), userId ? queueStatus(userId, showId) : null]);
  // The pass travels in the cookie the queue endpoint sets, never in the page.
  const { pass: _pass, ...visible } = status ?? ({} as QueueStatus);
  return { locked: true, notice: null, onSaleLabel, room, status: status ? visible : null };
}
