import { z } from "zod";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { showIcs } from "@/lib/tickets/ics";
import { getTicket } from "@/lib/tickets/ticket";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** Add to calendar: the show as an .ics event. */
export const GET = route({ auth: "required", params }, async ({ user, params }) => {
  const t = await getTicket(user.id, params.bookingId);
  if (t.status !== "CONFIRMED") throw new AppError("NOT_FOUND", "Booking not found");
  const ics = showIcs({
    uid: `${t.bookingId}@marquee`,
    title: t.event.title,
    description: `Seats ${t.seats.map((s) => s.label).join(", ")} · Booking ${t.reference}`,
    location: `${t.venue.name}, ${t.venue.address}`,
    startsAt: t.show.startsAt,
    endsAt: t.show.endsAt,
    url: new URL(`/account/bookings/${t.bookingId}`, env().APP_URL).toString(),
  });
  return new Response(ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="marquee-${t.reference}.ics"`,
      "cache-control": "private, no-store",
    },
  });
});
