// Per-test accounts: a user of any role, optionally assigned to venues, with an API token.
import { randomBytes } from "node:crypto";
import { db } from "@/db/client";
import { staffVenues, users } from "@/db/schema";
import { issueApiToken } from "@/lib/auth/api-token";
import { hashPassword } from "@/lib/auth/password";

export const TEST_PASSWORD = "Test-password-42";
let hashed: Promise<string> | undefined;

export async function createUser(role: "customer" | "staff" | "scanner" | "admin" = "customer", venueIds: string[] = []) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const tag = randomBytes(4).toString("hex");
  const [user] = await db
    .insert(users)
    .values({ name: `${role} ${tag}`, email: `${role}-${tag}@example.test`, phone: "+919820000000", role, passwordHash: await hashed })
    .returning();
  if (venueIds.length) await db.insert(staffVenues).values(venueIds.map((venueId) => ({ userId: user!.id, venueId })));
  const { token } = await issueApiToken(user!.id);
  return { ...user!, token };
}
