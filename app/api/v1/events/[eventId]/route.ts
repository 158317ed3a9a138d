import { getEvent } from "@/lib/catalog/events";
import { eventJson } from "../../_serializers/events";
import { eventIdParams } from "@/lib/catalog/params";
import { route } from "@/lib/http/route";

export const GET = route({ params: eventIdParams }, async ({ params }) => ({ event: eventJson(await getEvent(params.eventId)) }));
