import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getTicket, ticketIcs } from "@/lib/tickets/ticket";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** Add to calendar: the show as an .ics event. */
export const GET = route({ auth: "required", params }, async ({ user, params }) => {
  const t = await getTicket(user.id, params.bookingId);
  if (t.status !== "CONFIRMED") throw new AppError("NOT_FOUND", "Booking not found");
  const ics = ticketIcs(t);
  return new Response(ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="marquee-${t.reference}.ics"`,
      "cache-control": "private, no-store",
    },
  });
});
