// The API's seat map: the hall and its seats' live state, with an ETag so a poll that finds nothing new is a 304.
import "server-only";
import { NextResponse } from "next/server";
import { getAvailability, getSeatMapLayout, STATUS_NAME } from "@/lib/seating/availability";
import type { StatusCode } from "@/lib/seating/types";

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
