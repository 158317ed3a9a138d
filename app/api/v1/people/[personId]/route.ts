import { requireCity } from "@/lib/catalog/cities";
import { personIdParams, personQuerySchema } from "@/lib/catalog/params";
import { getPerson, getPersonEvents } from "@/lib/catalog/people";
import { route } from "@/lib/http/route";

/** A person (by id or slug) and their upcoming events, those in `?city=` first. */
export const GET = route({ scope: "catalog:read", params: personIdParams, query: personQuerySchema }, async ({ params, query }) => {
  const person = await getPerson(params.personId);
  const city = query.city ? await requireCity(query.city) : undefined;
  return { person, events: await getPersonEvents(person.id, { cityId: city?.id }) };
});
