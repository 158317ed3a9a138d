import { envVar } from "@/lib/env.js";
import { assertBearerSecret } from "@/lib/http/bearer-secret";
import { errorResponse } from "@/lib/http/route";
import { scrape } from "@/lib/ops/scrape";

/**
 * Prometheus metrics of this process (text exposition format), for a scraper holding
 * `Authorization: Bearer $METRICS_TOKEN`. Without METRICS_TOKEN it is not offered: 404 (a 5xx
 * would read as an outage to whoever probes it).
 */
export async function GET(req: Request) {
  try {
    assertBearerSecret(req, envVar("METRICS_TOKEN"), { name: "The metrics endpoint", variable: "METRICS_TOKEN", off: "NOT_FOUND" });
    const { body, contentType } = await scrape();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
