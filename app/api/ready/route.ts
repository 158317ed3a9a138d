import { NextResponse } from "next/server";
import { readiness } from "@/lib/ops/health";

/**
 * Readiness: 200 when the database answers and has every migration this build ships, else 503
 * (take the instance out of rotation). Redis down is reported as "degraded", still 200: the app
 * falls back to Postgres. 503 "draining" once the process has been told to stop.
 */
export async function GET() {
  const ready = await readiness();
  return NextResponse.json(ready, { status: ready.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
