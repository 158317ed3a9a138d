import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * For operator endpoints (cron, metrics): the request must carry `Authorization: Bearer <secret>`
 * (compared in constant time). Without a configured secret the endpoint is off: `what.off`
 * (503 by default; 404 where the endpoint is simply not offered) saying which variable turns it on.
 */
export function assertBearerSecret(req: Request, secret: string | undefined, what: { name: string; variable: string; off?: "SERVICE_UNAVAILABLE" | "NOT_FOUND" }): void {
  if (!secret) throw new AppError(what.off ?? "SERVICE_UNAVAILABLE", `${what.name} is off: set ${what.variable} to call it.`);
  const given = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  const digest = (v: string) => createHash("sha256").update(v).digest();
  if (!timingSafeEqual(digest(given), digest(secret))) throw new AppError("UNAUTHORIZED", `A valid ${what.variable} bearer token is required.`);
}
