import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { ShopChrome, SiteMain } from "@/components/checkin/shop-chrome";
import { Providers } from "@/components/providers";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marquee — movies, concerts, sports and shows near you", template: "%s · Marquee" },
  description: "Find what's on in your city and book seats for movies, concerts, sports, plays, comedy and exhibitions.",
};

export const viewport: Viewport = { themeColor: "#1f2033", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <Providers>
          <ShopChrome>
            <SiteHeader />
          </ShopChrome>
          <SiteMain>{children}</SiteMain>
        </Providers>
        <ShopChrome>
          <footer className="border-t border-slate-200 bg-white">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-5 text-sm text-slate-600">
              <p>Marquee — open, self-hostable ticketing.</p>
              <nav aria-label="Footer" className="flex gap-4">
                <Link href="/events">All events</Link>
                <Link href="/venues">Venues</Link>
                <Link href="/developers">Developers &amp; API</Link>
              </nav>
            </div>
          </footer>
        </ShopChrome>
      </body>
    </html>
  );
}
