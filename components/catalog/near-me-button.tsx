"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Asks the browser for a location and lists the nearest venues. */
export function NearMeButton({ radiusKm = 25 }: { radiusKm?: number }) {
  const router = useRouter();
  const [status, setStatus] = useState<string>("");
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-medium text-white hover:bg-ink-800"
        onClick={() => {
          if (!("geolocation" in navigator)) return setStatus("Your browser cannot share a location.");
          setStatus("Finding you…");
          navigator.geolocation.getCurrentPosition(
            (p) => {
              setStatus("");
              const q = new URLSearchParams({ lat: p.coords.latitude.toFixed(4), lng: p.coords.longitude.toFixed(4), radiusKm: String(radiusKm) });
              router.push(`/venues?${q}`);
            },
            () => setStatus("Location not available. Pick a city instead."),
            { timeout: 10_000 },
          );
        }}
      >
        Venues near me
      </button>
      <span role="status" className="text-sm text-slate-600">
        {status}
      </span>
    </div>
  );
}
