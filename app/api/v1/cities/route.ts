import { listCities } from "@/lib/catalog/cities";
import { route } from "@/lib/http/route";

export const GET = route({}, async () => ({ items: await listCities() }));
