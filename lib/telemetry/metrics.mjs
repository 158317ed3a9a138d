// Prometheus metrics (prom-client), served at GET /api/metrics behind METRICS_TOKEN. One registry
// a process, prom-client's global one: the launcher (plain Node) and the app bundle load the
// same prom-client module, and under WEB_CONCURRENCY > 1 the cluster primary gathers every
// worker's through it (lib/server/start.mjs).
import cluster from "node:cluster";
import client from "prom-client";

/**
 * A metric registered once a process, however often the module defining it is loaded.
 * @template {import("prom-client").Metric} M
 * @param {string} name
 * @param {() => M} make
 * @returns {M}
 */
function once(name, make) {
  return /** @type {M} */ (client.register.getSingleMetric(name) ?? make());
}

/**
 * Figures read from the database at scrape time (the same from every process): kept apart from
 * the process registry, so that under the cluster they are not summed over workers.
 */
const SCRAPE_KEY = Symbol.for("marquee.metrics.scrapeRegistry");
const gr = /** @type {Record<symbol, import("prom-client").Registry | undefined>} */ (/** @type {unknown} */ (globalThis));
const scrapeRegistry = (gr[SCRAPE_KEY] ??= new client.Registry());

/**
 * @template {import("prom-client").Metric} M
 * @param {string} name
 * @param {() => M} make
 * @returns {M}
 */
function onceAtScrape(name, make) {
  return /** @type {M} */ (scrapeRegistry.getSingleMetric(name) ?? make());
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  httpDuration: once(
    "marquee_http_request_duration_seconds",
    () =>
      new client.Histogram({
        name: "marquee_http_request_duration_seconds",
        help: "HTTP requests by route pattern, method and status: time to the last byte of the response",
        labelNames: ["method", "route", "status"],
        buckets: SECONDS,
      }),
  ),
  holds: once(
    "marquee_hold_attempts_total",
    () =>
      new client.Counter({
        name: "marquee_hold_attempts_total",
        help: "Attempts to hold seats or general-admission places, by kind (seats, zone) and outcome (held, conflict, refused, error)",
        labelNames: ["kind", "outcome"],
      }),
  ),
  redisFallbacks: once(
    "marquee_redis_fallbacks_total",
    () =>
      new client.Counter({
        name: "marquee_redis_fallbacks_total",
        help: "Redis calls that failed (down, slow, erroring) and were answered by the Postgres fallback instead",
      }),
  ),
  payments: once(
    "marquee_payments_total",
    () =>
      new client.Counter({
        name: "marquee_payments_total",
        help: "Payment results applied to bookings, by gateway and outcome (succeeded, failed, refunded, late, ignored)",
        labelNames: ["gateway", "outcome"],
      }),
  ),
  webhookLag: once(
    "marquee_webhook_lag_seconds",
    () =>
      new client.Histogram({
        name: "marquee_webhook_lag_seconds",
        help: "Time from a payment gateway's event to our processing of its webhook",
        labelNames: ["gateway"],
        buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      }),
  ),
  outboxPending: onceAtScrape(
    "marquee_outbox_pending",
    () =>
      new client.Gauge({
        name: "marquee_outbox_pending",
        help: "Emails and SMS waiting to be sent (read from the database at scrape)",
        labelNames: ["channel"],
        registers: [scrapeRegistry],
      }),
  ),
  outboxOldestAge: onceAtScrape(
    "marquee_outbox_oldest_pending_age_seconds",
    () =>
      new client.Gauge({
        name: "marquee_outbox_oldest_pending_age_seconds",
        help: "Age of the oldest message waiting to be sent; 0 when none (read at scrape)",
        registers: [scrapeRegistry],
      }),
  ),
  outboxSends: once(
    "marquee_outbox_sends_total",
    () =>
      new client.Counter({
        name: "marquee_outbox_sends_total",
        help: "Email and SMS send attempts by channel and outcome (sent, retry, failed: gave up after the last attempt)",
        labelNames: ["channel", "outcome"],
      }),
  ),
  partnerWebhookSends: once(
    "marquee_partner_webhook_sends_total",
    () =>
      new client.Counter({
        name: "marquee_partner_webhook_sends_total",
        help: "Deliveries POSTed to partners' webhook endpoints, by outcome (succeeded, retry, failed: gave up or 410, redelivery_failed)",
        labelNames: ["outcome"],
      }),
  ),
  partnerWebhooksPending: onceAtScrape(
    "marquee_partner_webhooks_pending",
    () =>
      new client.Gauge({
        name: "marquee_partner_webhooks_pending",
        help: "Webhook deliveries owed to active partner endpoints (read from the database at scrape)",
        registers: [scrapeRegistry],
      }),
  ),
  partnerWebhooksOldestAge: onceAtScrape(
    "marquee_partner_webhooks_oldest_pending_age_seconds",
    () =>
      new client.Gauge({
        name: "marquee_partner_webhooks_oldest_pending_age_seconds",
        help: "Age of the oldest event still owed to an active partner endpoint; 0 when none (read at scrape)",
        registers: [scrapeRegistry],
      }),
  ),
  cronRuns: once(
    "marquee_cron_runs_total",
    () => new client.Counter({ name: "marquee_cron_runs_total", help: "Cron job runs by job and outcome (ok, error)", labelNames: ["job", "outcome"] }),
  ),
  cronDuration: once(
    "marquee_cron_duration_seconds",
    () =>
      new client.Histogram({
        name: "marquee_cron_duration_seconds",
        help: "Cron job run time by job",
        labelNames: ["job"],
        buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      }),
  ),
};

const DEFAULTS = Symbol.for("marquee.metrics.defaults");
const g = /** @type {Record<symbol, boolean | undefined>} */ (/** @type {unknown} */ (globalThis));
/** Process metrics (CPU, memory, event-loop lag, GC), once a process. */
export function collectProcessMetrics() {
  if (g[DEFAULTS]) return;
  g[DEFAULTS] = true;
  client.collectDefaultMetrics({ prefix: "marquee_" });
}

/** The message a cluster worker sends the primary for every worker's metrics, and its answer. */
export const CLUSTER_METRICS_REQUEST = "marquee:metrics";
export const CLUSTER_METRICS_RESPONSE = "marquee:metrics:res";

/**
 * Under the cluster (WEB_CONCURRENCY > 1) a scrape reaches one worker; it asks the primary,
 * which gathers and sums every worker's (prom-client's AggregatorRegistry, lib/server/start.mjs).
 * @returns {Promise<string>}
 */
function clusterMetrics() {
  const id = `${process.pid}-${Date.now()}-${Math.random()}`;
  return new Promise((resolve, reject) => {
    /** @param {any} msg */
    const onMessage = (msg) => {
      if (msg?.type !== CLUSTER_METRICS_RESPONSE || msg.id !== id) return;
      done();
      if (msg.error) reject(new Error(`cluster metrics: ${msg.error}`));
      else resolve(String(msg.body));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error("cluster metrics: the primary did not answer within 5 s"));
    }, 5000);
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    process.on("message", onMessage);
    process.send?.({ type: CLUSTER_METRICS_REQUEST, id });
  });
}

/** The text exposition (this process's, or the cluster's), and its content type. */
export async function exposition() {
  const processes = cluster.isWorker && process.send ? await clusterMetrics() : await client.register.metrics();
  return { body: `${processes.trimEnd()}\n${await scrapeRegistry.metrics()}`, contentType: client.register.contentType };
}

/**
 * In a cluster worker: answer the primary's requests for this worker's metrics (prom-client
 * listens once an AggregatorRegistry exists in the process).
 */
export function answerClusterScrapes() {
  if (cluster.isWorker) new client.AggregatorRegistry();
}

/**
 * In the cluster primary: answer workers asking for every worker's metrics.
 * @param {typeof import("node:cluster").default} primary
 */
export function serveClusterScrapes(primary) {
  const aggregator = new client.AggregatorRegistry();
  primary.on("message", (worker, /** @type {any} */ msg) => {
    if (msg?.type !== CLUSTER_METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: CLUSTER_METRICS_RESPONSE, id: msg.id, body }),
      (/** @type {Error} */ err) => worker.send({ type: CLUSTER_METRICS_RESPONSE, id: msg.id, error: err.message }),
    );
  });
}

/**
 * Times a cron job run and counts its outcome.
 * @template T
 * @param {string} job
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function observeCron(job, fn) {
  const end = metrics.cronDuration.startTimer({ job });
  try {
    const result = await fn();
    metrics.cronRuns.inc({ job, outcome: "ok" });
    return result;
  } catch (err) {
    metrics.cronRuns.inc({ job, outcome: "error" });
    throw err;
  } finally {
    end();
  }
}
