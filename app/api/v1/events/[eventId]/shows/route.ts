import { getEvent } from "@/lib/catalog/events";
import { eventIdParams, showtimesQuerySchema } from "@/lib/catalog/params";
import { getEventShowtimes } from "@/lib/catalog/showtimes";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read", params: eventIdParams, query: showtimesQuerySchema }, async ({ params, query }) => {
  const event = await getEvent(params.eventId);
  return { eventId: event.id, ...(await getEventShowtimes(event.id, query)) };
});
