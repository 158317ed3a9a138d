import { NextResponse } from "next/server";
import { health } from "@/lib/ops/health";

/** Liveness: the process answers (nothing else is asked). */
export function GET() {
  return NextResponse.json(health(), { headers: { "Cache-Control": "no-store" } });
}
