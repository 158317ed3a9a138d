"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SeatAvailability } from "@/lib/seating/types";

const POLL_MS = 1000;

function isAvailability(body: unknown, showId: string, seatCount: number): body is SeatAvailability {
  const b = body as Partial<SeatAvailability> | null;
  return !!b && b.showId === showId && typeof b.version === "number" && typeof b.status === "string" && b.status.length === seatCount;
}

/**
 * The seat status string, polled every second. `cache: "no-cache"` makes the browser revalidate
 * with the ETag, so an unchanged hall costs a 304; React Query's structural sharing then keeps the
 * same object, so nothing re-renders. Failures are ignored: the last good status stays on screen.
 */
export function useLiveAvailability(initial: SeatAvailability, seatCount: number, enabled: boolean) {
  const { showId } = initial;
  const { data, refetch } = useQuery({
    queryKey: ["seat-status", showId],
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/v1/shows/${encodeURIComponent(showId)}/seats?view=status`, { cache: "no-cache", signal });
      if (!res.ok) throw new Error(`Seat status answered ${res.status}`);
      const body: unknown = await res.json();
      if (!isAvailability(body, showId, seatCount)) throw new Error("Seat status does not match this seat map");
      return body;
    },
    enabled,
    refetchInterval: POLL_MS,
    staleTime: 0,
    retry: false,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
  // The server-rendered status may be newer than the last poll (after a refresh), or the reverse.
  const availability = data && data.version >= initial.version ? data : initial;
  return { availability, refetch };
}
