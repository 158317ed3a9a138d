// The one place environment variables are read and validated. Plain JS so next.config.js can
// import it: a bad value fails `next build` / `next start` with a message naming the variable.
import { z } from "zod";

const optionalUrl = (protocols) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(" or ")}`,
    });

/** A value that may be left empty (`PORT=`): empty or blank is unset. */
const blankIsUnset = (schema) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);

const shape = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  UPSTASH_REDIS_REST_URL: optionalUrl(["http://", "https://"]),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(300),
  CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  RATE_LIMIT_MULTIPLIER: z.coerce.number().int().min(1).max(10_000).default(1),
  HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  // The door admits a ticket from this long before its show starts until this long after (the show's day, not any day).
  CHECKIN_OPENS_MINUTES_BEFORE: z.coerce.number().int().min(0).max(1440).default(180),
  CHECKIN_CLOSES_MINUTES_AFTER: z.coerce.number().int().min(0).max(1440).default(360),
  AUTH_SECRET: z.string().min(16).optional(),
  // Auth.js's own base URL (it reads the variable itself): behind a proxy, the public URL, or OAuth
  // callbacks name the address the proxy used.
  AUTH_URL: optionalUrl(["http://", "https://"]),
  // OAuth sign-in: each provider is on when both its id and secret are set.
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().startsWith("pk_").optional(),
  // Point the Stripe SDK elsewhere (a local fake in tests); unset means api.stripe.com.
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  // Ed25519 private key (PKCS#8 PEM, or its base64 DER) that signs QR tickets; generated into .data/ when unset.
  TICKET_SIGNING_KEY: z.string().min(40).optional(),
  SMTP_URL: optionalUrl(["smtp://", "smtps://"]),
  SMTP_FROM: z.string().min(3).default("Marquee <tickets@marquee.local>"),
  // SMS through Twilio when all three are set; otherwise SMS goes to the dev mailbox only.
  TWILIO_ACCOUNT_SID: z.string().startsWith("AC").optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_FROM: z.string().min(3).optional(),
  CRON_SECRET: z.string().min(16).optional(),
  // Where uploaded posters are stored (served at /media/posters/…).
  MEDIA_DIR: z.string().min(1).default(".data/media"),
  // The in-process scheduler (demo, single instance): seconds between cron runs; 0 turns it off.
  CRON_TIMER_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  // How long opening a database connection may take before the request fails with 503
  // DATABASE_UNAVAILABLE (postgres.js waits 30 s by default: a restart would hang every page).
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(5),
  // Prepared statements (parsed and planned once per connection). Turn off behind a pooler in
  // transaction mode that cannot carry them (e.g. PgBouncer < 1.21, Supabase's port 6543).
  DATABASE_PREPARE: z.enum(["true", "false"]).default("true"),
  // Proxies in front of the app that append the client's address to X-Forwarded-For (a load
  // balancer, nginx, Vercel: 1). 0 trusts no X-Forwarded-For: a client could write anything there.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // The /dev/mailbox page (admins only) for demos and development without SMTP_URL.
  DEV_MAILBOX: z.enum(["true", "false"]).default("false"),
  // Server processes behind `npm start` (node:cluster); one per core is usual.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  // Logs: pino JSON lines on stdout ("pretty": readable lines for a terminal, as the demo uses).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  // GET /api/metrics (Prometheus) answers only `Authorization: Bearer <METRICS_TOKEN>`; unset, 404.
  METRICS_TOKEN: z.string().min(16).optional(),
  // On SIGTERM: how long requests in flight and the shutdown hooks get before the process exits anyway.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  // On SIGTERM: seconds of answering "not ready" while still serving, before connections are
  // refused (a load balancer that checks /api/ready stops sending first). Counts within the timeout.
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().int().min(0).max(120).default(0),
  // Where the local payment gateway posts its webhooks when not to this server's own port: the
  // load balancer in front of several instances, as Stripe would be told.
  LOCAL_GATEWAY_WEBHOOK_URL: optionalUrl(["http://", "https://"]),
  // The port `npm start` listens on (its --port wins); the local payment gateway's webhooks go there.
  PORT: blankIsUnset(z.string().trim().regex(/^\d{1,5}$/, "must be a port number").optional()),
  // Outbound webhooks (lib/webhooks/url.ts): endpoints must be https unless this is "true" (tests,
  // the demo and CI post to a local http receiver).
  WEBHOOK_ALLOW_HTTP: z.enum(["true", "false"]).default("false"),
  // In production, endpoints resolving to private, loopback or link-local addresses are refused
  // (a partner URL must not reach the internal network); "true" allows them (an intranet receiver).
  WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  // Set by Vitest while it runs the tests.
  VITEST: z.string().optional(),
};

/** Every variable the app reads, by name (.env.example lists exactly these). */
export const ENV_KEYS = Object.freeze(Object.keys(shape));

const schema = z
  .object(shape)
  .superRefine((env, ctx) => {
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.STRIPE_SECRET_KEY ? "STRIPE_WEBHOOK_SECRET" : "STRIPE_SECRET_KEY"],
        message: "set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither",
      });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_PUBLISHABLE_KEY) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_PUBLISHABLE_KEY"], message: "the checkout's Payment Element needs it when STRIPE_SECRET_KEY is set" });
    }
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: [env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL"],
        message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
      });
    }
  });

/** @typedef {z.infer<typeof schema>} Env */

/**
 * Parses an environment object; throws one error listing every bad variable by name.
 * @param {Record<string, string | undefined>} source
 * @returns {Env}
 */
export function parseEnv(source) {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** @type {Env | undefined} */
let cached;

/** The validated process environment, parsed once. @returns {Env} */
export function env() {
  cached ??= parseEnv(process.env);
  return cached;
}

/** @type {Map<string, { raw: string | undefined; value: unknown }>} */
const live = new Map();

/**
 * One variable, read from process.env at each call and validated by its own rule: for values
 * that may change after start (the launcher sets PORT; tests switch Redis on and off). Cheap: the
 * parsed value is kept while the raw one stays the same. Rules across variables (set both
 * Upstash variables or neither) are env()'s, which next.config.js runs at start-up.
 * @template {keyof Env} K
 * @param {K} name
 * @returns {Env[K]}
 */
export function envVar(name) {
  const raw = process.env[name];
  const hit = live.get(name);
  if (hit && hit.raw === raw) return /** @type {Env[K]} */ (hit.value);
  const result = shape[name].safeParse(raw);
  if (!result.success) throw new Error(`Invalid environment configuration:\n  ${name}: ${result.error.issues[0]?.message}`);
  live.set(name, { raw, value: result.data });
  return /** @type {Env[K]} */ (result.data);
}

/** Forgets the parsed environment so the next env() reads process.env again (tests). */
export function resetEnvCache() {
  cached = undefined;
}
