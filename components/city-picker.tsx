"use client";
import { useRouter, usePathname, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { chooseCity } from "@/app/actions/city";

export function CityPicker({ cities, current }: { cities: { id: string; name: string }[]; current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();

  function onChange(city: string) {
    start(async () => {
      const result = await chooseCity({ city });
      if (!result.ok) return;
      // Pages that carry the city in their URL follow the new choice; the rest re-read the cookie.
      if (params.has("city")) {
        const next = new URLSearchParams(params);
        next.set("city", city);
        next.delete("cursor");
        router.push(`${pathname}?${next}`);
      } else router.refresh();
    });
  }

  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-200">
      <svg aria-hidden viewBox="0 0 24 24" className="h-4 w-4 fill-current text-brand-500">
        <path d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z" />
      </svg>
      <span className="sr-only">City</span>
      <select
        name="city"
        value={current}
        disabled={pending}
        onChange={(e) => onChange(e.target.value)}
        className="cursor-pointer rounded-md border border-white/15 bg-ink-800 px-2 py-1.5 text-sm text-white"
        data-testid="city-picker"
      >
        {cities.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
