import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { authenticate, revokeSessions } from "./accounts";
import { authConfig, oauthProviders } from "./config";
import { authSecret } from "./secret";
import { limitPasswordAttempt, SignInRateLimited } from "./sign-in-limit";

declare module "next-auth" {
  interface Session {
    user: { id: string; tokenVersion?: number } & DefaultSession["user"];
  }
  interface User {
    tokenVersion?: number;
  }
}

const credentials = z.object({ email: z.string().max(254), password: z.string().max(128) });

/** Finds or creates the local user for an OAuth sign-in (matched by verified email). */
async function userForOAuth(email: string, name: string | null | undefined): Promise<{ id: string; tokenVersion: number }> {
  const columns = { id: users.id, tokenVersion: users.tokenVersion };
  const [existing] = await db.select(columns).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  if (existing) return existing;
  const [created] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), name: name ?? email.split("@")[0]!, emailVerifiedAt: new Date() })
    .onConflictDoNothing()
    .returning(columns);
  return created ?? userForOAuth(email, name);
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: authSecret(),
  // Auth.js would decide from each request's scheme, which behind a TLS-terminating proxy is http.
  useSecureCookies: env().APP_URL.startsWith("https://"),
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // Reached from the sign-in form's server action and directly at /api/auth/callback/credentials:
      // both count against the same limits as the API login.
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        try {
          await limitPasswordAttempt(request.headers, parsed.data.email);
        } catch (err) {
          if (err instanceof AppError) throw new SignInRateLimited(err);
          throw err;
        }
        const user = await authenticate(parsed.data.email, parsed.data.password);
        return user ? { id: user.id, name: user.name, email: user.email, tokenVersion: user.tokenVersion } : null;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async jwt({ token, user, account }) {
      if (user && account) {
        const local = account.provider === "credentials" ? { id: user.id!, tokenVersion: user.tokenVersion ?? 0 } : await userForOAuth(user.email!, user.name);
        token.uid = local.id;
        // sessionUser() refuses the session once the user's token_version has moved past this.
        token.ver = local.tokenVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.ver === "number") session.user.tokenVersion = token.ver;
      return session;
    },
  },
  events: {
    // Signing out ends every session and API token of the account, not just this cookie.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.uid === "string") await revokeSessions(token.uid, { ifVersion: typeof token.ver === "number" ? token.ver : 0 });
    },
  },
});
