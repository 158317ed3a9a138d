import * as catalog from "@/lib/api/contract/events";
import { requireCity } from "@/lib/catalog/cities";
import { getPerson, getPersonEvents } from "@/lib/catalog/people";
import { route } from "@/lib/http/route";

/** A person (by id or slug) and their upcoming events, those in `?city=` first. */
export const GET = route(catalog.getPerson, async ({ params, query }) => {
  const person = await getPerson(params.personId);
  const city = query.city ? await requireCity(query.city) : undefined;
  return { person, events: await getPersonEvents(person.id, { cityId: city?.id }) };
});
