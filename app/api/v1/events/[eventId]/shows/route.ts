import * as catalog from "@/lib/api/contract/events";
import { getEvent } from "@/lib/catalog/events";
import { getEventShowtimes } from "@/lib/catalog/showtimes";
import { route } from "@/lib/http/route";

export const GET = route(catalog.listEventShows, async ({ params, query }) => {
  const event = await getEvent(params.eventId);
  return { eventId: event.id, ...(await getEventShowtimes(event.id, query)) };
});
