import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";

/** Cron routes answer only `Authorization: Bearer $CRON_SECRET` (compared in constant time). */
export function assertCronCaller(req: Request): void {
  const secret = env().CRON_SECRET;
  if (!secret) throw new AppError("SERVICE_UNAVAILABLE", "Cron routes are off: set CRON_SECRET to call them.");
  const given = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  const digest = (v: string) => createHash("sha256").update(v).digest();
  if (!timingSafeEqual(digest(given), digest(secret))) throw new AppError("UNAUTHORIZED", "A valid cron secret is required.");
}
