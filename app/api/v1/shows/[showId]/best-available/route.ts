import * as shows from "@/lib/api/contract/shows";
import { route } from "@/lib/http/route";
import { getAvailability, getSeatMapLayout } from "@/lib/seating/availability";
import { suggestSeats } from "@/lib/seating/best-available";

/**
 * The seats "best available" suggests for `count` tickets, `accessible` of them wheelchair spaces
 * (each with the companion seat beside it while the count allows): what the seat map's button
 * picks, for a client to pass to lock-seats. A suggestion only, nothing is held; `seats` is empty
 * when nothing fits.
 */
export const GET = route(shows.getBestAvailableSeats, async ({ params, query }) => {
  const [layout, snapshot] = await Promise.all([getSeatMapLayout(params.showId), getAvailability(params.showId)]);
  const status = snapshot.status.slice(0, layout.seats.length);
  const picked = new Set(suggestSeats(layout, status, query.count, query.accessible) ?? []);
  return {
    showId: params.showId,
    version: snapshot.version,
    count: query.count,
    accessible: query.accessible,
    seats: layout.seats.filter((s) => picked.has(s.id)).map((s) => ({ id: s.id, label: s.label, rowLabel: s.rowLabel, row: s.row, col: s.col, type: s.type, priceMinor: s.priceMinor })),
  };
});
