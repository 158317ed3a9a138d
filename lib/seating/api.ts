// JSON shapes of the seating API (route handlers call these; the seat map page uses the same data).
import "server-only";
import { NextResponse } from "next/server";
import { getAvailability, getSeatMapLayout, STATUS_NAME } from "./availability";
import type { Hold } from "./holds";
import type { StatusCode } from "./types";

const NO_STORE_BUT_REVALIDATE = { "cache-control": "private, no-cache" };

export async function seatsResponse(showId: string, view: "full" | "status", ifNoneMatch: string | null): Promise<Response> {
  const [layout, snapshot] = await Promise.all([getSeatMapLayout(showId), getAvailability(showId)]);
  const etag = view === "full" ? `W/${snapshot.etag}-full` : snapshot.etag;
  const headers = { ...NO_STORE_BUT_REVALIDATE, etag };
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
  if (view === "status") return NextResponse.json({ showId, version: snapshot.version, status: snapshot.status }, { headers });
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
    },
    { headers },
  );
}

/** A booking as the API shows it while it is a hold. */
export function holdJson(hold: Hold) {
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
    seats: hold.seats.map((s) => ({ id: s.seatId, label: s.label, type: s.type, priceMinor: s.priceMinor })),
  };
}
