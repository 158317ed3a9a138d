import Link from "next/link";
import { Suspense } from "react";
import { preferredCity } from "@/lib/catalog/city-preference";
import { sessionUser } from "@/lib/auth/current-user";
import { staffEntryFor } from "@/lib/admin/nav";
import { signOutAction } from "@/app/actions/auth";
import { CATEGORIES, CATEGORY_LABELS, CATEGORY_SLUGS } from "@/lib/catalog/filters";
import { CityPicker } from "./city-picker";
import { SearchBox } from "./search-box";

export async function SiteHeader() {
  const [{ city, cities }, user] = await Promise.all([preferredCity(), sessionUser()]);
  const staffEntry = user ? staffEntryFor(user.role) : null;
  return (
    <header className="bg-ink-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3 sm:flex-nowrap sm:gap-6">
        <Link href="/" className="flex items-center gap-2 text-xl font-extrabold tracking-tight">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-brand-500 text-base">M</span>
          Marquee
        </Link>
        <div className="order-3 w-full sm:order-none sm:flex-1">
          {/* Fallbacks the size of what streams in later, so the header does not grow under the page (CLS). */}
          <Suspense fallback={<div aria-hidden="true" className="h-9.5 w-full max-w-xl" />}>
            <SearchBox city={city.id} />
          </Suspense>
        </div>
        <div className="ml-auto flex items-center gap-4">
          <Suspense fallback={<div aria-hidden="true" className="h-8 w-[137px]" />}>
            <CityPicker cities={cities.map((c) => ({ id: c.id, name: c.name }))} current={city.id} />
          </Suspense>
          {user ? (
            <details className="relative">
              <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm text-slate-200 hover:text-white" data-testid="user-menu">
                <span aria-hidden className="mr-1 inline-grid h-7 w-7 place-items-center rounded-full bg-brand-500 text-xs font-bold text-white">
                  {user.name.charAt(0).toUpperCase()}
                </span>
                <span className="hidden sm:inline">{user.name.split(" ")[0]}</span>
              </summary>
              <div className="absolute right-0 z-40 mt-2 w-48 rounded-lg bg-white py-1 text-sm text-ink-900 shadow-lg ring-1 ring-black/10">
                <Link href="/account/bookings" className="block px-4 py-2 hover:bg-slate-50">Your bookings</Link>
                <Link href="/account" className="block px-4 py-2 hover:bg-slate-50">Account</Link>
                {staffEntry ? <Link href={staffEntry.href} className="block px-4 py-2 hover:bg-slate-50">{staffEntry.label}</Link> : null}
                <form action={signOutAction}>
                  <button type="submit" className="block w-full px-4 py-2 text-left hover:bg-slate-50">Sign out</button>
                </form>
              </div>
            </details>
          ) : (
            <Link href="/signin" className="rounded-md bg-brand-500 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-600">
              Sign in
            </Link>
          )}
        </div>
      </div>
      <nav aria-label="Categories" className="border-t border-white/10 bg-ink-800">
        <ul className="scrollbar-none mx-auto flex max-w-7xl gap-5 overflow-x-auto px-4 py-2 text-sm text-slate-300">
          {CATEGORIES.map((c) => (
            <li key={c}>
              <Link className="whitespace-nowrap hover:text-white" href={`/events?${new URLSearchParams({ city: city.id, category: CATEGORY_SLUGS[c] })}`}>
                {CATEGORY_LABELS[c]}
              </Link>
            </li>
          ))}
          <li className="ml-auto">
            <Link className="whitespace-nowrap hover:text-white" href={`/venues?city=${city.id}`}>
              Venues
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
