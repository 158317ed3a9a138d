"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** The staff area's tabs: one scrolling row on a phone, wrapping on wider screens; the current one marked. */
export function AdminNav({ links }: { links: { href: string; label: string }[] }) {
  const path = usePathname();
  const nav = useRef<HTMLElement>(null);
  // The longest link that prefixes the path is the current one (/admin/shows/new over /admin).
  const current = links.filter((l) => path === l.href || path.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  useEffect(() => {
    // On a phone the row scrolls: bring the current tab into view rather than leave it cut off at the edge.
    nav.current?.querySelector<HTMLElement>('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [current]);
  return (
    <nav ref={nav} aria-label="Staff" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex w-max gap-2 text-sm sm:w-auto sm:flex-wrap">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={l.href === current ? "page" : undefined}
              className={`block whitespace-nowrap rounded-lg px-3 py-1.5 font-medium ring-1 ${l.href === current ? "bg-ink-900 text-white ring-ink-900" : "ring-slate-300 hover:bg-white"}`}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
