import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): ~20-40 ms here.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON = new Set(["password", "password1", "password123", "1234567890", "qwertyuiop", "iloveyou1", "letmein123", "welcome123", "marquee123", "admin12345"]);

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(128, "Use at most 128 characters")
  .refine((p) => /[A-Za-z]/.test(p) && /[^A-Za-z]/.test(p), "Mix letters with digits or symbols")
  .refine((p) => new Set(p).size >= 5, "Use more varied characters")
  .refine((p) => !COMMON.has(p.toLowerCase()), "That password is too common");

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** Verifies a password; a malformed stored hash counts as a mismatch, never an error. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Burns the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword("dummy-password-for-timing-1");
  await verifyPassword(await dummy, password);
  return false;
}
