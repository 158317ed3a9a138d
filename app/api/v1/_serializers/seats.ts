// The API's seat map: the hall and its seats' live state, with an ETag so a poll that finds nothing new is a 304.
import "server-only";
import { NextResponse } from "next/server";
import { getAvailability, getSeatMapLayout, STATUS_NAME, zoneAvailability } from "@/lib/seating/availability";
import { FILLING_FAST_SHARE, type SeatMapLayout } from "@/lib/seating/types";
import type { StatusCode } from "@/lib/seating/types";

/** Zones as the API shows them: price, capacity and live counts, and a word for the buyer. */
function zonesJson(layout: SeatMapLayout, status: string) {
  const live = new Map(zoneAvailability(layout, status).map((z) => [z.zoneId, z]));
  return layout.zones.map((z) => {
    const a = live.get(z.id)!;
    const state = z.priceMinor < 0 || a.available === 0 ? "SOLD_OUT" : a.available <= Math.max(1, z.capacity * FILLING_FAST_SHARE) ? "FILLING_FAST" : "AVAILABLE";
    return { id: z.id, name: z.name, kind: z.kind, priceMinor: z.priceMinor < 0 ? null : z.priceMinor, capacity: z.capacity, available: a.available, held: a.held, sold: a.sold, state };
  });
}

const NO_STORE_BUT_REVALIDATE = { "cache-control": "private, no-cache" };

export async function seatsResponse(showId: string, view: "full" | "status", ifNoneMatch: string | null): Promise<Response> {
  const [layout, snapshot] = await Promise.all([getSeatMapLayout(showId), getAvailability(showId)]);
  const etag = view === "full" ? `W/${snapshot.etag}-full` : snapshot.etag;
  const headers = { ...NO_STORE_BUT_REVALIDATE, etag };
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
  // The status string covers the drawn seats; zones answer counts (their units are never drawn).
  const status = snapshot.status.slice(0, layout.seats.length);
  if (view === "status") return NextResponse.json({ showId, version: snapshot.version, status, zones: zonesJson(layout, snapshot.status) }, { headers });
  return NextResponse.json(
    {
      showId,
      version: snapshot.version,
      currency: layout.currency,
      section: { kind: layout.kind, stageLabel: layout.stageLabel, rowCount: layout.rowCount, colCount: layout.colCount },
      seats: layout.seats.map((s, i) => ({
        id: s.id,
        label: s.label,
        rowLabel: s.rowLabel,
        row: s.row,
        col: s.col,
        type: s.type,
        status: STATUS_NAME[snapshot.status[i] as StatusCode],
        priceMinor: s.priceMinor < 0 ? null : s.priceMinor,
      })),
      zones: zonesJson(layout, snapshot.status),
    },
    { headers },
  );
}
