import type { Metadata } from "next";
import Link from "next/link";
import { listVenues, venueQuerySchema } from "@/lib/catalog/venues";
import { preferredCity } from "@/lib/catalog/city-preference";
import { NearMeButton } from "@/components/catalog/near-me-button";

export const metadata: Metadata = { title: "Venues" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VenuesPage({ searchParams }: Props) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const near = one("lat") !== undefined || one("lng") !== undefined;
  const { city } = await preferredCity(one("city"));
  const parsed = venueQuerySchema.safeParse(near ? { lat: one("lat"), lng: one("lng"), radiusKm: one("radiusKm") } : { city: city.id });
  const venues = parsed.success ? await listVenues(parsed.data) : [];
  const title = near ? "Venues near you" : `Venues in ${city.name}`;

  return (
    <section aria-labelledby="venues-heading">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="venues-heading" className="text-2xl font-bold">
            {title}
          </h1>
          <p className="text-sm text-slate-600">
            {!parsed.success
              ? "That location doesn't look right."
              : near
                ? `${venues.length} within ${parsed.data.radiusKm} km, nearest first`
                : `${venues.length} venues`}
          </p>
        </div>
        <NearMeButton />
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="venues">
        {venues.map((v) => (
          <li key={v.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
            <h2 className="font-semibold">
              <Link href={`/venues/${v.slug}`} className="hover:text-brand-600 hover:underline">
                {v.name}
              </Link>
            </h2>
            <p className="text-sm text-slate-600">{v.address}</p>
            <p className="mt-2 text-sm text-slate-500">
              {v.sections} {v.sections === 1 ? "hall" : "halls"} · {v.seats.toLocaleString("en-IN")} seats
              {v.distanceKm !== null && <> · {v.distanceKm} km away</>}
            </p>
            <p className="mt-2 flex gap-4 text-sm">
              <Link href={`/venues/${v.slug}`} className="font-medium text-brand-600 hover:underline" aria-label={`Shows at ${v.name}`}>
                Shows
              </Link>
              <a className="text-brand-600 hover:underline" href={`https://www.openstreetmap.org/?mlat=${v.lat}&mlon=${v.lng}#map=16/${v.lat}/${v.lng}`} rel="noreferrer" target="_blank">
                Map
              </a>
            </p>
          </li>
        ))}
      </ul>
      {near && (
        <p className="mt-6 text-sm">
          <Link href={`/venues?city=${city.id}`} className="text-brand-600 hover:underline">
            Show all venues in {city.name}
          </Link>
        </p>
      )}
    </section>
  );
}
