import "server-only";
import { env } from "@/lib/env.js";
import { assertBearerSecret } from "@/lib/http/bearer-secret";

/** Cron routes answer only `Authorization: Bearer $CRON_SECRET` (compared in constant time). */
export function assertCronCaller(req: Request): void {
  assertBearerSecret(req, env().CRON_SECRET, { name: "The cron route", variable: "CRON_SECRET" });
}
