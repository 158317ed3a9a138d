import * as catalog from "@/lib/api/contract/events";
import { getEvent } from "@/lib/catalog/events";
import { getEventCredits } from "@/lib/catalog/people";
import { eventJson } from "../../_serializers/events";
import { route } from "@/lib/http/route";

export const GET = route(catalog.getEvent, async ({ params }) => {
  const event = await getEvent(params.eventId);
  return { event: eventJson(event, await getEventCredits(event.id)) };
});
