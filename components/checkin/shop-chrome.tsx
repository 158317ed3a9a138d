"use client";
import { usePathname } from "next/navigation";

/** Paths that bring their own compact header: the door's check-in page needs the whole phone screen. */
const DOOR = /^\/checkin(\/|$)/;
const useDoor = () => DOOR.test(usePathname() ?? "");

/**
 * The shopping site's header and footer (search, city picker, categories), on every page but the
 * door's: door staff scan tickets there and have nothing to shop for.
 */
export function ShopChrome({ children }: { children: React.ReactNode }) {
  return useDoor() ? null : children;
}

/** The page's main column: the shop's centred, padded one; the door's page is edge to edge. */
export function SiteMain({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className={useDoor() ? "flex w-full flex-1 flex-col" : "mx-auto w-full max-w-7xl flex-1 px-4 py-6"}>
      {children}
    </main>
  );
}
