import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/http/route";
import { assertCronCaller } from "./auth";
import { CRON_JOBS, type CronJob } from "./jobs";

/** GET and POST handlers for one cron job (schedulers differ in the method they use). */
export function cronRoute(job: CronJob) {
  const handler = async (req: NextRequest) => {
    try {
      assertCronCaller(req);
      const started = Date.now();
      const result = await CRON_JOBS[job]();
      return NextResponse.json({ job, result, ms: Date.now() - started }, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return { GET: handler, POST: handler };
}
