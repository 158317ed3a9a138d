import { getEvent } from "@/lib/catalog/events";
import { getEventCredits } from "@/lib/catalog/people";
import { eventJson } from "../../_serializers/events";
import { eventIdParams } from "@/lib/catalog/params";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read", params: eventIdParams }, async ({ params }) => {
  const event = await getEvent(params.eventId);
  return { event: eventJson(event, await getEventCredits(event.id)) };
});
