// Where a waiting-room pass travels: the X-Queue-Pass header (apps), or the browser's cookie.
import "server-only";
import { cookies } from "next/headers";
import type { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env.js";
import { PASS_HEADER, passCookieName } from "./pass";

/** The pass a request carries for this show: the header first, then the cookie. */
export function passFromRequest(req: NextRequest, showId: string): string | null {
  return req.headers.get(PASS_HEADER) ?? req.cookies.get(passCookieName(showId))?.value ?? null;
}

/** The pass in the browser's cookies (server actions and pages). */
export async function passFromCookies(showId: string): Promise<string | null> {
  return (await cookies()).get(passCookieName(showId))?.value ?? null;
}

/** Hands the browser its pass: HttpOnly, this site only, gone when the pass lapses. */
export function setPassCookie(res: NextResponse, showId: string, pass: { token: string; expiresAt: string }): void {
  const maxAge = Math.max(0, Math.floor((new Date(pass.expiresAt).getTime() - Date.now()) / 1000));
  res.cookies.set(passCookieName(showId), pass.token, { httpOnly: true, sameSite: "lax", path: "/", maxAge, secure: env().APP_URL.startsWith("https://") });
}
