// What the multi-instance specs share: a seeded database of their own, app instances started as
// production runs them, a direct SQL client to check the database's word on what happened, an
// SMTP sink that counts what was really sent, API helpers, and a teardown that undoes all of it
// in reverse order even when a step failed.
import { request as playwrightRequest, expect, test, type APIRequestContext } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { CARDS, apiToken, registerBuyer, type Buyer } from "../api";
import { createDatabase, seedDatabase } from "./database";
import { freePort } from "./instances";

export const CRON_SECRET = "ops-e2e-cron-secret-0123456789";

/** Environment every instance of a spec shares (a deployment's instances share these too). */
export const sharedEnv = (databaseUrl: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: "ops-e2e-auth-secret-shared-by-instances",
  CRON_SECRET,
  // The spec runs the cron jobs itself, when and where it wants them.
  CRON_TIMER_SECONDS: "0",
  // Behind a load balancer: the client's address is the last X-Forwarded-For entry, so each
  // spec's callers get addresses of their own and no per-address limit is shared with the rest
  // of the suite (whose server counts in the same Redis). Limits are the production ones.
  TRUSTED_PROXY_HOPS: "1",
  RATE_LIMIT_MULTIPLIER: "1",
  DEV_MAILBOX: "false",
});

/** Undo steps, run last-in first-out; every one runs even if an earlier one throws. */
export class Teardown {
  private steps: { what: string; fn: () => Promise<unknown> }[] = [];
  add(what: string, fn: () => Promise<unknown>) {
    this.steps.push({ what, fn });
  }
  async run() {
    for (const { what, fn } of this.steps.splice(0).reverse()) {
      await fn().catch((err: unknown) => console.error(`teardown: ${what} failed`, err));
    }
  }
}

let template: Promise<string> | undefined;

/**
 * One seeded database per Playwright worker, which each spec copies: seeding takes most of a
 * minute, a copy a few seconds. Dropped when the worker exits.
 */
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const base = process.env.DATABASE_URL!;
    const db = await createDatabase(base, `ops_e2e_seed_${process.pid}`);
    process.once("exit", () => {
      // Synchronously, as exit handlers must: a child process drops it.
      const drop = `import postgres from "postgres"; const a = postgres(process.env.BASE, { max: 1, onnotice() {} }); await a.unsafe("DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)").catch(() => {}); await a.end();`;
      spawnSync(process.execPath, ["--input-type=module", "-e", drop], { env: { ...process.env, BASE: base }, stdio: "ignore", timeout: 15_000 });
    });
    const code = await seedDatabase({ ...process.env, DATABASE_URL: db.url, PGLITE_DIR: undefined }, "pipe");
    if (code !== 0) throw new Error(`seeding ${db.name} failed (${code})`);
    return db.name;
  })();
  return template;
}

/** A fresh database `ops_e2e_<tag>_<pid>`, migrated and seeded, and a SQL client on it. */
export async function seededDatabase(teardown: Teardown, tag: string) {
  const database = await createDatabase(process.env.DATABASE_URL!, `ops_e2e_${tag}_${process.pid}`, { template: await seededTemplate() });
  teardown.add("drop database", database.drop);
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  teardown.add("close sql", () => sql.end({ timeout: 2 }));
  return { database, sql };
}

let ports = new Set<number>();
/** Ports for what a spec starts, from 3340 up (3300–3399 is this project's test range). */
export const nextPort = () => freePort(3340, ports);
export const resetPorts = () => (ports = new Set());

/** An SMTP server that keeps every message it is sent, parsed. */
export async function smtpSink(teardown: Teardown) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  teardown.add("close smtp sink", () => new Promise<void>((r) => server.close(() => r())));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received };
}

/** An API client on one instance, calling as a client at `ip` behind the load balancer. */
export async function apiOn(teardown: Teardown, baseURL: string, ip: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip } });
  teardown.add("dispose request context", () => ctx.dispose());
  return ctx;
}

// Per run, so per-address counts a shared Redis keeps (10 minutes for sign-ups) do not carry
// over from an earlier run.
const RUN = Array.from(randomBytes(4), (b) => b.toString(16).padStart(2, "0"));

/** A documentation-range address (RFC 3849), different for each n and each run: only ever a header value. */
export const clientAddress = (n: number) => `2001:db8:${RUN[0]}${RUN[1]}:${RUN[2]}${RUN[3]}::${n.toString(16)}`;

export type Customer = Buyer & { auth: { authorization: string } };

/** A new customer registered and signed in (bearer token) through `api` (one sign-up per client address, as the limits expect). */
export async function customer(api: APIRequestContext): Promise<Customer> {
  const buyer = await registerBuyer(api, "ops");
  return { ...buyer, auth: { authorization: `Bearer ${await apiToken(api, buyer)}` } };
}

export type Answer = { status: number; body: { error?: { code: string }; [k: string]: unknown }; ms: number; retryAfter?: string };

export async function send(api: APIRequestContext, method: "GET" | "POST", path: string, opts: { headers?: Record<string, string>; data?: unknown } = {}): Promise<Answer> {
  const started = Date.now();
  const res = await api.fetch(path, { method, headers: opts.headers, data: opts.data, timeout: 30_000 });
  const text = await res.text();
  let body: Answer["body"] = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { text } as Answer["body"];
  }
  return { status: res.status(), body, ms: Date.now() - started, retryAfter: res.headers()["retry-after"] };
}

/** Starts a booking for the show and tries to hold these seats on it. */
export async function tryHold(api: APIRequestContext, who: Customer, showId: string, seatIds: string[]) {
  const started = await send(api, "POST", "/api/v1/bookings/initiate", { headers: who.auth, data: { showId } });
  if (started.status !== 201) return { ...started, bookingId: undefined };
  const bookingId = (started.body.booking as { id: string }).id;
  return { ...(await send(api, "POST", `/api/v1/bookings/${bookingId}/lock-seats`, { headers: who.auth, data: { seatIds } })), bookingId };
}

/** Pays a held booking by the approved test card; the key makes a retry the same payment. */
export function pay(api: APIRequestContext, who: Customer, bookingId: string, key: string = randomUUID()) {
  return send(api, "POST", "/api/v1/payments/process", { headers: { ...who.auth, "idempotency-key": key }, data: { bookingId, method: "CARD", card: CARDS.ok } });
}

/** The show's seats (id, label, status) as the API shows them. */
export async function seatsOf(api: APIRequestContext, showId: string): Promise<{ id: string; label: string; status: string; type: string }[]> {
  const res = await send(api, "GET", `/api/v1/shows/${showId}/seats`);
  expect(res.status).toBe(200);
  return res.body.seats as { id: string; label: string; status: string; type: string }[];
}

/** Plain seats (not wheelchair spaces or companion seats, sold by their own rule) free in the database. */
export async function freeSeats(sql: postgres.Sql, showId: string, n: number, skip = 0): Promise<{ id: string; label: string }[]> {
  const rows = await sql<{ id: string; label: string }[]>`
    SELECT s.id, s.label FROM show_seats ss JOIN seats s ON s.id = ss.seat_id
    WHERE ss.show_id = ${showId} AND ss.status = 'AVAILABLE' AND ss.zone_id IS NULL AND s.type NOT IN ('ACCESSIBLE', 'COMPANION')
    ORDER BY s.label OFFSET ${skip} LIMIT ${n}`;
  expect(rows.length, `${n} free seats on ${showId}`).toBe(n);
  return rows;
}

/** Movie shows a day or more ahead with many free seats, from the database (no API calls). */
export async function roomyShows(sql: postgres.Sql, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT sh.id FROM shows sh
    WHERE sh.starts_at > now() + interval '1 day' AND sh.status = 'SCHEDULED'
      AND (SELECT count(*) FROM show_seats ss WHERE ss.show_id = sh.id AND ss.status = 'AVAILABLE' AND ss.zone_id IS NULL) >= 60
      -- Reserved seating only: a hall with a standing zone too has the zone picker's own Continue
      -- on the page, and which shows come first depends on the time of day the suite runs.
      AND NOT EXISTS (SELECT 1 FROM show_seats z WHERE z.show_id = sh.id AND z.zone_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM on_sales o WHERE o.show_id = sh.id)
    ORDER BY sh.starts_at, sh.id LIMIT ${n}`;
  expect(rows.length).toBe(n);
  return rows.map((r) => r.id);
}

/** Waits until `check` passes (it throws until then), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** Booking statuses by id, from the database. */
export async function statuses(sql: postgres.Sql, ids: string[]): Promise<Record<string, string>> {
  const rows = await sql<{ id: string; status: string }[]>`SELECT id, status FROM bookings WHERE id = ANY(${ids}::uuid[])`;
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

/**
 * The database's invariant: a seat is LOCKED or BOOKED by exactly the booking that lists it,
 * and no seat is listed by two live bookings (held, paying or confirmed) of the show.
 */
export async function expectNoDoubleBooking(sql: postgres.Sql, showId: string) {
  const doubled = await sql`
    SELECT bs.show_seat_id, count(*)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
    WHERE b.show_id = ${showId} AND b.status IN ('LOCKED', 'PAYMENT_PENDING', 'CONFIRMED')
    GROUP BY bs.show_seat_id HAVING count(*) > 1`;
  expect(doubled, "seats in two live bookings").toEqual([]);
  const astray = await sql`
    SELECT bs.show_seat_id FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id JOIN show_seats ss ON ss.id = bs.show_seat_id
    WHERE b.show_id = ${showId} AND b.status = 'CONFIRMED' AND (ss.status <> 'BOOKED' OR ss.locked_by_booking_id <> b.id)`;
  expect(astray, "confirmed bookings' seats not BOOKED by them").toEqual([]);
}

/** Calls a cron job on an instance as the scheduler would. */
export function cron(api: APIRequestContext, job: string) {
  return send(api, "GET", `/api/cron/${job}`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
}

/** A measurement worth reading in the run's output (and the HTML report's annotations). */
export function figure(text: string) {
  test.info().annotations.push({ type: "figure", description: text });
  console.log(`[figure] ${text}`);
}
