import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env.js";

/** OAuth providers are off unless their credentials are configured. */
export function oauthProviders() {
  const { AUTH_GOOGLE_ID, AUTH_GOOGLE_SECRET, AUTH_GITHUB_ID, AUTH_GITHUB_SECRET } = env();
  const list = [];
  if (AUTH_GOOGLE_ID && AUTH_GOOGLE_SECRET) list.push(Google);
  if (AUTH_GITHUB_ID && AUTH_GITHUB_SECRET) list.push(GitHub);
  return list;
}

export const authConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  // Self-hosted behind a proxy: Auth.js builds its URLs (OAuth callbacks) from AUTH_URL when set,
  // else from the request's Host / X-Forwarded-* headers; set AUTH_URL to the public URL there.
  trustHost: true,
  providers: [],
} satisfies NextAuthConfig;
