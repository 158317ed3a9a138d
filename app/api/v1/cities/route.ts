import { listCities } from "@/lib/catalog/cities";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read" }, async () => ({ items: await listCities() }));
