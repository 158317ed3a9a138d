// Benchmark: the on-sale waiting room (issue 18). --visitors (20,000) simulated visitors over HTTP
// against the production build with real Postgres + Redis join one show's line within
// --join-seconds (60), Poisson arrivals; --early (0.8) of the window passes before the on-sale, so
// about that share join early (a random order drawn at the on-sale) and the rest join the back.
// The room admits --rate (2,000) places a minute; every admitted visitor buys 1–4 seats of the
// 1,000-seat hall with its pass, until no seat is left. Meanwhile a trickle of other pages.
// Then the same joins as raw operations: the database baseline.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:queue \
//     [-- --visitors 20000 --join-seconds 60 --early 0.8 --rate 2000 --poll-share 0.05 --page-rate 10 \
//         --sockets 256 --max-seconds 180 --port 3260 --seed 18 --no-capacity --no-redis]
//
// The server, bridge and database are the harness's (bench/harness.ts): a fresh database
// marquee_bench_queue_<pid> (dropped at the end), the Upstash bridge on --port + 1 unless
// --no-redis (then the line is Postgres' queue_entries), the server on --port.
//
// Phases:
//   0. idle: --page-rate other-page requests a second for 10 s with nothing else running (their
//      baseline: the same pages' p95 while the room runs is compared with it).
//   1. the on-sale, app. An on_sales row (waiting room on, --rate a minute) for one show, its
//      on-sale --early × --join-seconds after the first arrival. Each visitor, as the show page's
//      waiting room does (components/onsale/waiting-room.tsx):
//        - POST /shows/{id}/queue (join; position null before the on-sale, else its place; once
//          more should it get no answer — the harness gives up after 30 s on the socket — since
//          joining again keeps the place: counted as an error all the same);
//        - an early joiner knows its draw d from the join's answer and, once the room says how
//          many drew (E), shows its place as about 1 + d·(E−1); it asks GET /shows/{id}/queue for
//          the exact place only when admittedThrough comes within 3σ of that (σ = √(E·d·(1−d))),
//          so the early joiners' asks are spread over the sale at about the admission rate (the
//          page used to ask at the on-sale: a herd of every early joiner within 3 s);
//        - every 3 s reads the shared room state and, once admittedThrough ≥ its place, asks
//          GET /shows/{id}/queue for its pass, then reads the seat status, POST /bookings/initiate
//          and …/lock-seats for 1–4 seats with X-Queue-Pass (a 409 SEATS_UNAVAILABLE tries other
//          seats once, with a fresh status), and leaves.
//      Sampling: 20,000 browsers polling GET …/queue/room every 3 s would be ~6,700 requests/s,
//      which no origin is meant to take: the answer is public and max-age=1, the same for all, so
//      a CDN serves it. The bench models that: --poll-share of the visitors (seeded) really poll
//      the origin every 3 s (with If-None-Match, as a browser revalidates); the rest read the
//      freshest answer any poller got (the edge's copy) on their own 3 s clock. Every visitor
//      makes its own join, place, pass and purchase requests. All requests share one keep-alive pool of --sockets: when the
//      server falls behind, requests wait in the pool, and that wait is in their latency (as a
//      browser's wait in a full accept queue would be).
//      The sale ends when every seat is held (the room then stops admitting: nothing is free; it
//      closes SOLD_OUT only once holds are paid or lapse, which is bench:purchase's part) or
//      --max-seconds after the on-sale. The deliberate refusals: initiate before the on-sale (409
//      NOT_ON_SALE_YET); initiate without a pass, with a forged one, another account's, an expired
//      one (403); lock-seats without the pass on an admitted buyer's booking (403).
//      Other pages meanwhile, --page-rate a second round robin: GET /api/v1/events?city=bench-city,
//      GET /api/v1/shows/{id}/seats?view=status, the show page /shows/{id} (HTML, anonymous).
//   2. audit, in Redis (or Postgres) and Postgres: one place per account (ZCARD / rows = visitors
//      who joined); the early joiners are exactly the places before the on-sale (score < 1) and
//      their order is a permutation with no relation to join order (Spearman |ρ| < 0.05); every
//      late joiner is behind every early one, at the place its join answered; each place told
//      after the on-sale is the place in the line; passes only to places ≤ admittedThrough; every
//      booking of the show is a pass holder's and its place ≤ the room's final admitted; no seat
//      in two bookings; held seats = seats of successful holds (and the Redis hold keys); the
//      refusals refused; no 5xx anywhere.
//   3. join capacity (unless --no-capacity): the same visitors join a second show's room (before
//      its on-sale) as fast as they can, --sockets in flight: the app's joins/s at saturation.
//   4. raw baselines, the same joins, the same in-flight count: Redis ZADD NX + ZRANK in one
//      pipeline through the same bridge; Postgres INSERT INTO queue_entries … ON CONFLICT DO
//      NOTHING + the rank count, through postgres.js.
//
// Exit status: 1 when an audit fails or any request errored (the run is not valid); missed targets
// are marked ✗ (and exit 1 with --strict).
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import type postgres from "postgres";
import {
  createHarness, describe, WORKERS_OPTION, jsonBody, type Res, type World, // the run: server, bridge, database, HTTP
  HALF, PER_ROW, ROWS, SEATS, // the hall
  arriveBuyers, rng, runBuyers, sleep, type Errors, // the workload
  exitStatus, f1, mismatchedBookings, pad, pct, printChecks, printErrors, printTargets, type Check, type Target, // the audit and the report
} from "./harness";

const { values: args } = parseArgs({
  options: {
    visitors: { type: "string", default: "20000" },
    "join-seconds": { type: "string", default: "60" },
    early: { type: "string", default: "0.8" },
    rate: { type: "string", default: "2000" },
    "poll-share": { type: "string", default: "0.05" },
    "page-rate": { type: "string", default: "10" },
    sockets: { type: "string", default: "256" },
    "max-seconds": { type: "string", default: "180" },
    workers: WORKERS_OPTION,
    "raw-max": { type: "string" },
    port: { type: "string", default: "3260" },
    seed: { type: "string", default: "18" },
    "no-capacity": { type: "boolean", default: false },
    "no-redis": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});
const VISITORS = Number(args.visitors);
const JOIN_SECONDS = Number(args["join-seconds"]);
const EARLY = Number(args.early);
const RATE = Number(args.rate);
const POLL_SHARE = Number(args["poll-share"]);
const PAGE_RATE = Number(args["page-rate"]);
const SOCKETS = Number(args.sockets);
const MAX_SECONDS = Number(args["max-seconds"]);
const PORT = Number(args.port);
const SEED = Number(args.seed);
const USE_REDIS = !args["no-redis"];
for (const [name, v, ok] of [
  ["visitors", VISITORS, Number.isInteger(VISITORS) && VISITORS >= 10],
  ["join-seconds", JOIN_SECONDS, JOIN_SECONDS > 0],
  ["early", EARLY, EARLY > 0 && EARLY < 1],
  ["rate", RATE, Number.isInteger(RATE) && RATE >= 1 && RATE <= 100_000],
  ["poll-share", POLL_SHARE, POLL_SHARE >= 0 && POLL_SHARE <= 1],
  ["page-rate", PAGE_RATE, PAGE_RATE >= 0],
  ["sockets", SOCKETS, Number.isInteger(SOCKETS) && SOCKETS >= 1],
  ["max-seconds", MAX_SECONDS, MAX_SECONDS > 0],
  ["port", PORT, Number.isInteger(PORT) && PORT > 0],
  ["seed", SEED, Number.isInteger(SEED)],
] as const) {
  if (!ok || !Number.isFinite(v)) {
    console.error(`bad --${name}: ${v}`);
    process.exit(2);
  }
}
const PROBES = 4; // accounts outside the line, for the deliberate refusals
const ROOM_POLL_MS = 3000; // the page's shared poll
const IDLE_SECONDS = 10;

const h = createHarness({ name: "queue", port: PORT, useRedis: USE_REDIS, workers: Number(args.workers), maxSockets: SOCKETS, serverName: "next start" });
const { request } = h;

// Targets: the issue names the figures, not numbers; these are the project's usual ones (a hold
// as in bench:holds, a read as a poll) and a raw baseline share like the other benches'.
const TARGETS = { joinP99Ms: 500, pollP99Ms: 250, holdP99Ms: 250, pagesP95Ms: 500, rho: 0.05 };

// ---- measurement: latency and answers by kind of request ----------------------------------------
type Kind = { name: string; lat: number[]; statuses: Map<number, number> };
const kinds = new Map<string, Kind>();
function kind(name: string): Kind {
  let k = kinds.get(name);
  if (!k) kinds.set(name, (k = { name, lat: [], statuses: new Map() }));
  return k;
}
let fiveXX = 0;
const errors = h.errors();

/** A request, timed into `kindName` (latency of every answer, 2xx–5xx); a failure to connect is an error and answers null. */
async function call(kindName: string, method: string, path: string, o: Parameters<typeof request>[2] = {}): Promise<Res | null> {
  const k = kind(kindName);
  const t = performance.now();
  let res: Res;
  try {
    res = await request(method, path, o);
  } catch (err) {
    errors.add(kindName, (err as Error).message);
    return null;
  }
  k.lat.push(performance.now() - t);
  k.statuses.set(res.status, (k.statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) {
    fiveXX++;
    errors.add(`${kindName} (5xx)`, describe(res));
  }
  return res;
}

// ---- the API's answers, the parts the bench reads -------------------------------------------------
type Room = { phase?: string; onSaleAt?: string | null; admittedThrough?: number; admitPerMinute?: number; paused?: boolean; closedReason?: string | null; queueLength?: number; earlyJoiners?: number };
type Queue = { room?: Room; joined?: boolean; position?: number | null; draw?: number | null; admitted?: boolean; pass?: { token?: string; expiresAt?: string } | null };
type Body = {
  queue?: Queue;
  room?: Room;
  booking?: { id?: string; status?: string; seats?: { seatId?: string; id?: string }[] };
  error?: { code?: string; details?: { seatIds?: unknown } };
  status?: unknown;
};
const json = (res: Res) => jsonBody<Body>(res);

// ---- the sale ---------------------------------------------------------------------------------------
type Visitor = {
  joinedAt: number; // ms after the first arrival, when the join was answered (-1: never)
  early: boolean | null; // joined before the on-sale (position null in the join's answer)
  joinPosition: number | null; // the place a late join answered
  toldPosition: number | null; // the place the visitor went by (the herd's answer, or the join's)
  passAdmittedThrough: number | null; // admittedThrough in the answer that carried the pass
  passPosition: number | null;
  pass: string | null;
  bookingId: string | null;
  retried: boolean; // the first join got no answer (timed out); joining again keeps the place
};

type Sale = {
  visitors: Visitor[];
  onSaleAt: number; // epoch ms
  t0: number; // epoch ms of the first arrival
  arrivalsSeconds: number;
  lagMs: number;
  soldOutAt: number | null; // epoch ms
  endedAt: number;
  holds: Map<string, number[]>; // booking id → seat indexes
  conflicts: number;
  lostOut: number;
  notYet: number; // pass asks answered "not admitted" (the edge's copy ahead of the visitor's own answer)
  admission: { at: number; through: number }[]; // the edge's copy over time (epoch ms)
  pollers: number;
  probes: Check[];
  errors: Errors;
  initLat: number[];
};

/** Visitor i's own random stream (a scrambled seed: the generator's first outputs for neighbouring seeds are alike). */
const streamOf = (i: number, salt: number) => rng(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(SEED + salt, 0x85ebca6b));

const visitorIp = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function pickSeats(status: string, taken: Uint8Array, n: number, rand: () => number): number[] {
  const free = (s: number) => status[s] === "A" && !taken[s];
  const rows = Array.from({ length: ROWS }, (_, r) => r);
  for (let k = rows.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [rows[k], rows[j]] = [rows[j]!, rows[k]!];
  }
  for (const r of rows) {
    for (const half of rand() < 0.5 ? [0, 1] : [1, 0]) {
      // From a random start, wrapping: buyers reading the same status do not all take the first block.
      const from = Math.floor(rand() * (HALF - n + 1));
      for (let k = 0; k <= HALF - n; k++) {
        const s = (from + k) % (HALF - n + 1);
        const block = Array.from({ length: n }, (_, j) => r * PER_ROW + half * HALF + s + j);
        if (block.every(free)) return block;
      }
    }
  }
  // No n together: any n free seats, or what is left.
  const left: number[] = [];
  for (let s = 0; s < SEATS && left.length < n; s++) if (free(s)) left.push(s);
  return left;
}

async function onSale(world: World, showId: string, probeUsers: { id: string; token: string }[]): Promise<Sale> {
  const rand = rng(SEED);
  const wants = Array.from({ length: VISITORS }, () => 1 + Math.floor(rand() * 4));
  const polls = Array.from({ length: VISITORS }, () => rand() < POLL_SHARE);
  const sale: Sale = {
    visitors: Array.from({ length: VISITORS }, () => ({ joinedAt: -1, early: null, joinPosition: null, toldPosition: null, passAdmittedThrough: null, passPosition: null, pass: null, bookingId: null, retried: false })),
    onSaleAt: 0, t0: 0, arrivalsSeconds: 0, lagMs: 0, soldOutAt: null, endedAt: 0, holds: new Map(), conflicts: 0, lostOut: 0, notYet: 0,
    admission: [], pollers: polls.filter(Boolean).length, probes: [], errors, initLat: [],
  };
  const taken = new Uint8Array(SEATS); // seats the bench knows are held
  let held = 0;
  let over = false;
  let arrivalsDone = false;
  const edge: { room: Room; at: number } = { room: {}, at: 0 };
  const waiters = new Set<() => void>();
  const endSale = () => {
    if (over) return;
    over = true;
    sale.endedAt = Date.now();
    for (const w of waiters) w();
  };
  /** Sleeps `ms`, or less when the sale ends. */
  const nap = (ms: number) =>
    over
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(t);
            waiters.delete(done);
            resolve();
          };
          const t = setTimeout(done, Math.max(0, ms));
          waiters.add(done);
        });
  const seeRoom = (room: Room | undefined) => {
    if (!room) return;
    const through = room.admittedThrough ?? 0;
    if (through > (edge.room.admittedThrough ?? -1)) sale.admission.push({ at: Date.now(), through });
    if (through >= (edge.room.admittedThrough ?? 0) || room.phase === "CLOSED") edge.room = room;
    edge.at = Date.now();
    if (room.phase === "CLOSED") endSale();
  };

  // The deliberate refusals that need a pass to exist (the first admitted buyer's), once.
  let probed = false;
  const refuse = async (name: string, expect: { status: number; code: string }, path: string, o: Parameters<typeof request>[2]) => {
    const res = await call("refusals", "POST", path, o);
    const code = res ? json(res).error?.code : undefined;
    sale.probes.push({ name, ok: res?.status === expect.status && code === expect.code, detail: res ? `${res.status} ${code ?? res.text.slice(0, 80)}` : "no answer" });
  };

  const buy = async (i: number, user: { id: string; token: string }, pass: string) => {
    const v = sale.visitors[i]!;
    const r = streamOf(i, 1);
    const headers = { "x-queue-pass": pass, "x-forwarded-for": visitorIp(i) };
    const bookingId = await h.initiate(sale, user.token, showId, headers);
    if (!bookingId) return;
    v.bookingId = bookingId;
    if (!probed) {
      probed = true;
      const { signPass } = await import("@/lib/onsale/pass");
      const secret = process.env.AUTH_SECRET!;
      const p = probeUsers[1]!;
      const initiate = (name: string, code: string, pass?: string) =>
        refuse(name, { status: 403, code }, "/api/v1/bookings/initiate", { token: p.token, body: { showId }, headers: pass ? { "x-queue-pass": pass } : {} });
      await initiate("initiate without a pass: 403 QUEUE_PASS_REQUIRED", "QUEUE_PASS_REQUIRED");
      await initiate("initiate with a forged pass: 403 QUEUE_PASS_INVALID", "QUEUE_PASS_INVALID", `p1.${Math.floor(Date.now() / 1000) + 600}.${randomBytes(32).toString("base64url").slice(0, 43)}`);
      await initiate("initiate with another account's pass: 403 QUEUE_PASS_INVALID", "QUEUE_PASS_INVALID", pass);
      await initiate("initiate with an expired pass: 403 QUEUE_PASS_EXPIRED", "QUEUE_PASS_EXPIRED", signPass(secret, showId, p.id, { ttlSeconds: -10 }).token);
      const seat = pickSeats("A".repeat(SEATS), taken, 1, r);
      await refuse("lock-seats without the pass on an admitted buyer's booking: 403 QUEUE_PASS_REQUIRED", { status: 403, code: "QUEUE_PASS_REQUIRED" }, `/api/v1/bookings/${bookingId}/lock-seats`, {
        token: user.token,
        body: { seatIds: seat.map((s) => world.seatIds[s]!) },
      });
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const st = await call("seat status (buyer)", "GET", `/api/v1/shows/${showId}/seats?view=status`, { headers: { "x-forwarded-for": visitorIp(i) } });
      const status = st && st.status === 200 ? json(st).status : undefined;
      if (typeof status !== "string" || status.length !== SEATS) {
        if (st) errors.add("seat status (buyer)", describe(st));
        return;
      }
      const seats = pickSeats(status, taken, wants[i]!, r);
      if (!seats.length) {
        sale.lostOut++;
        return; // nothing free it knows of
      }
      const seatIds = seats.map((s) => world.seatIds[s]!);
      const res = await call("hold (lock-seats)", "POST", `/api/v1/bookings/${bookingId}/lock-seats`, { token: user.token, body: { seatIds }, headers });
      if (!res) return;
      const body = json(res);
      if (res.status === 200) {
        const got = new Set((body.booking?.seats ?? []).map((s) => s.seatId ?? s.id));
        if (body.booking?.status !== "LOCKED" || got.size !== seatIds.length || !seatIds.every((id) => got.has(id))) {
          return errors.add("lock-seats (200 without exactly the seats asked for)", describe(res));
        }
        for (const s of seats) taken[s] = 1;
        sale.holds.set(bookingId, seats);
        held += seats.length;
        if (held >= SEATS && sale.soldOutAt === null) {
          sale.soldOutAt = Date.now();
          endSale();
        }
        return;
      }
      if (res.status === 409 && body.error?.code === "SEATS_UNAVAILABLE") {
        sale.conflicts++;
        const named: unknown = body.error.details?.seatIds;
        for (const id of Array.isArray(named) ? named : []) {
          const s = world.indexOf.get(String(id));
          if (s !== undefined) taken[s] = 1;
        }
        continue;
      }
      return errors.add("lock-seats", describe(res));
    }
    sale.lostOut++;
  };

  const visitor = async (i: number) => {
    const user = world.users[i]!;
    const v = sale.visitors[i]!;
    const r = streamOf(i, 2);
    const ip = { "x-forwarded-for": visitorIp(i) };
    let res = await call("join", "POST", `/api/v1/shows/${showId}/queue`, { token: user.token, headers: ip });
    if (!res) {
      // No answer (an error, counted): the server may have placed us. Joining again keeps the
      // place, but whether it was drawn early is no longer known from the answer: the audit
      // leaves these visitors out of the early/late checks.
      v.retried = true;
      res = await call("join (again, after no answer)", "POST", `/api/v1/shows/${showId}/queue`, { token: user.token, headers: ip });
      if (!res) return;
    }
    const q = json(res).queue;
    if (res.status !== 201 || !q?.joined) return errors.add("join (expected 201, joined)", describe(res));
    v.joinedAt = Date.now() - sale.t0;
    v.early = q.position === null || q.position === undefined;
    if (!v.early) v.joinPosition = v.toldPosition = q.position!;
    const draw = typeof q.draw === "number" ? q.draw : null;
    seeRoom(q.room);

    let leaving = false;
    const personal = async (kindName: string, withPassCheck: boolean): Promise<Queue | undefined> => {
      const res = await call(kindName, "GET", `/api/v1/shows/${showId}/queue`, { token: user.token, headers: ip });
      if (!res) return undefined;
      const q = json(res).queue;
      if (res.status !== 200 || !q) {
        errors.add(`${kindName} (expected 200)`, describe(res));
        return undefined;
      }
      seeRoom(q.room);
      if (q.position != null && v.toldPosition !== null && q.position !== v.toldPosition) errors.add(`${kindName} (place moved)`, `told ${v.toldPosition}, now ${q.position}`);
      if (q.pass?.token && withPassCheck) {
        v.pass = q.pass.token;
        v.passPosition = q.position ?? null;
        v.passAdmittedThrough = q.room?.admittedThrough ?? null;
      }
      return q;
    };

    // This visitor's browser polls the origin itself: the shared poll (ETag).
    const background: Promise<void>[] = [];
    if (polls[i]) {
      background.push(
        (async () => {
          let etag: string | undefined;
          await nap(r() * ROOM_POLL_MS);
          while (!over && !leaving) {
            const start = Date.now();
            const res = await call("shared poll (room)", "GET", `/api/v1/shows/${showId}/queue/room`, { headers: { ...ip, ...(etag ? { "if-none-match": etag } : {}) } });
            if (res?.status === 200) {
              seeRoom(json(res).room);
              if (typeof res.headers.etag === "string") etag = res.headers.etag;
            } else if (res && res.status !== 304) errors.add("shared poll (room)", describe(res));
            await nap(start + ROOM_POLL_MS - Date.now());
          }
        })(),
      );
    }

    try {
      // Wait for our turn on our own 3 s clock, reading the room (our own poll's or the edge's copy).
      // An early joiner without its exact place works from its draw, as the page does.
      await nap(r() * ROOM_POLL_MS);
      while (!over) {
        const through = edge.room.admittedThrough ?? 0;
        const drew = edge.room.earlyJoiners ?? 0;
        let due = false;
        if (v.toldPosition !== null) due = through >= v.toldPosition;
        else if (draw !== null && drew > 0 && edge.room.phase === "OPEN") {
          const estimate = 1 + Math.round(draw * (drew - 1));
          due = through >= estimate - (Math.ceil(3 * Math.sqrt(drew * draw * (1 - draw))) + 1);
        }
        if (due) {
          const place = v.toldPosition === null;
          const q = await personal(place ? "personal: place near the turn" : "personal: pass", true);
          if (q && place) {
            if (q.position == null) return errors.add("personal: place near the turn", `no place: ${JSON.stringify(q).slice(0, 200)}`);
            v.toldPosition = q.position;
          }
          if (q?.admitted && v.pass) break;
          if (q && !place) sale.notYet++;
        }
        await nap(ROOM_POLL_MS);
      }
      if (over || !v.pass) return;
      leaving = true; // off to the seat map: the waiting room's polls stop
      await buy(i, user, v.pass);
    } finally {
      leaving = true;
      await Promise.all(background);
    }
  };

  // Other pages, round robin, while the room runs.
  const pages = [
    ["other: events list", "/api/v1/events?city=bench-city"],
    ["other: seat status", `/api/v1/shows/${showId}/seats?view=status`],
    ["other: show page (HTML)", `/shows/${showId}`],
  ] as const;
  const trickle = (async () => {
    if (!PAGE_RATE) return;
    for (let n = 0; !(over && arrivalsDone); n++) {
      const start = Date.now();
      const [name, path] = pages[n % pages.length]!;
      void call(name, "GET", path, { headers: { "x-forwarded-for": `10.250.0.${n % 250}`, accept: name.includes("HTML") ? "text/html" : "application/json" } }).then((res) => {
        if (res && res.status !== 200) errors.add(name, describe(res));
      });
      await sleep(start + 1000 / PAGE_RATE - Date.now());
    }
  })();

  // The on-sale row, then the arrivals: the on-sale EARLY × JOIN_SECONDS after the first.
  sale.t0 = Date.now() + 500;
  sale.onSaleAt = sale.t0 + EARLY * JOIN_SECONDS * 1000;
  await world.sql`
    INSERT INTO on_sales (show_id, on_sale_at, waiting_room, admit_per_minute) VALUES (${showId}, ${new Date(sale.onSaleAt)}, true, ${RATE})`;
  // Before the on-sale nobody may start a booking.
  await refuse("initiate before the on-sale: 409 NOT_ON_SALE_YET", { status: 409, code: "NOT_ON_SALE_YET" }, "/api/v1/bookings/initiate", { token: probeUsers[0]!.token, body: { showId } });
  await sleep(sale.t0 - Date.now());
  const limit = setTimeout(endSale, sale.onSaleAt + MAX_SECONDS * 1000 - Date.now());
  try {
    const run = await arriveBuyers(VISITORS, VISITORS / JOIN_SECONDS, SEED, async (i) => {
      if (i === VISITORS - 1) arrivalsDone = true; // the last has arrived (it and the others may still be running)
      await visitor(i);
    });
    sale.arrivalsSeconds = run.seconds;
    sale.lagMs = run.lagMs;
  } finally {
    clearTimeout(limit);
    endSale();
    arrivalsDone = true;
    await trickle;
  }
  return sale;
}

// ---- the line, as stored: each visitor's final place and whether it was drawn early -------------
async function theLine(world: World, showId: string): Promise<{ rank: Map<string, number>; earlyScore: Set<string>; length: number }> {
  const rank = new Map<string, number>();
  const earlyScore = new Set<string>();
  if (USE_REDIS) {
    const flat = (await h.redisCommand(["ZRANGE", `marquee:queue:{${showId}}`, "0", "-1", "WITHSCORES"])) as string[];
    for (let k = 0; k < flat.length; k += 2) {
      rank.set(flat[k]!, k / 2 + 1);
      if (Number(flat[k + 1]) < 1) earlyScore.add(flat[k]!);
    }
    const zcard = Number(await h.redisCommand(["ZCARD", `marquee:queue:{${showId}}`]));
    return { rank, earlyScore, length: zcard };
  }
  const rows = await world.sql<{ user_id: string; sort_key: number }[]>`SELECT user_id, sort_key FROM queue_entries WHERE show_id = ${showId} ORDER BY sort_key`;
  rows.forEach((row, k) => {
    rank.set(row.user_id, k + 1);
    if (Number(row.sort_key) < 1) earlyScore.add(row.user_id);
  });
  return { rank, earlyScore, length: rows.length };
}

/** Spearman's rank correlation of two equally long lists of distinct values. */
function spearman(xs: number[], ys: number[]): number {
  const ranks = (vs: number[]) => {
    const order = vs.map((v, k) => [v, k] as const).sort((a, b) => a[0] - b[0]);
    const out = new Array<number>(vs.length);
    order.forEach(([, k], r) => (out[k] = r));
    return out;
  };
  const a = ranks(xs);
  const b = ranks(ys);
  const n = xs.length;
  let d2 = 0;
  for (let k = 0; k < n; k++) d2 += (a[k]! - b[k]!) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

async function audit(world: World, showId: string, sale: Sale): Promise<{ checks: Check[]; rho: number; early: number; late: number }> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const users = world.users;
  const line = await theLine(world, showId);
  const joined = sale.visitors.map((v, i) => [v, users[i]!.id] as const).filter(([v]) => v.joinedAt >= 0);
  add(`one place per account: the line's length = visitors who joined (${USE_REDIS ? "ZCARD" : "queue_entries rows"})`, line.length === joined.length && line.rank.size === joined.length, `${line.length} in the line, ${joined.length} joined`);
  const joinedIds = new Set(joined.map(([, id]) => id));
  const unknown = [...line.rank.keys()].filter((id) => !joinedIds.has(id)).length;
  add("everyone in the line is a visitor who joined", unknown === 0, `${unknown} others`);

  const known = joined.filter(([v]) => !v.retried);
  const early = known.filter(([v]) => v.early);
  const late = known.filter(([v]) => !v.early);
  const earlyWrong = early.filter(([, id]) => !line.earlyScore.has(id)).length + late.filter(([, id]) => line.earlyScore.has(id)).length;
  const retried = joined.length - known.length;
  add("the early-drawn places (score < 1) are exactly the visitors who joined before the on-sale", earlyWrong === 0, `${early.length} early, ${late.length} late, ${earlyWrong} disagree${retried ? `; ${retried} joined again after no answer, left out` : ""}`);
  const E = line.earlyScore.size;
  const earlyRanks = early.map(([, id]) => line.rank.get(id) ?? 0);
  const isPermutation = new Set(earlyRanks).size === early.length && earlyRanks.every((p) => p >= 1 && p <= E);
  add("the early joiners hold places 1…E, one each", isPermutation, `E = ${E}`);
  // Join order: the visitors arrive in index order; by when each join was answered is the server's order.
  const byAnswer = [...early].sort((a, b) => a[0].joinedAt - b[0].joinedAt);
  const rho = early.length > 2 ? spearman(byAnswer.map((_, k) => k), byAnswer.map(([, id]) => line.rank.get(id) ?? 0)) : NaN;
  add(`early order unrelated to join order: Spearman |ρ| < ${TARGETS.rho}`, Math.abs(rho) < TARGETS.rho, `ρ = ${rho.toFixed(4)} over ${early.length}`);
  const lateBehind = late.filter(([, id]) => (line.rank.get(id) ?? 0) <= E).length;
  add("every late joiner is behind every early one", lateBehind === 0, `${lateBehind} late joiners among the first ${E}`);
  const lateMoved = late.filter(([v, id]) => v.joinPosition !== line.rank.get(id)).length;
  add("each late joiner holds the place its join answered (first come, first served)", lateMoved === 0, `${lateMoved} of ${late.length} elsewhere`);
  const toldWrong = joined.filter(([v, id]) => v.toldPosition !== null && v.toldPosition !== line.rank.get(id)).length;
  const told = joined.filter(([v]) => v.toldPosition !== null).length;
  add("each place told after the on-sale is the visitor's place in the line", toldWrong === 0, `${toldWrong} of ${told} differ`);

  const passes = sale.visitors.map((v, i) => [v, users[i]!.id] as const).filter(([v]) => v.pass);
  const notThrough = passes.filter(([v, id]) => v.passPosition === null || v.passAdmittedThrough === null || v.passPosition > v.passAdmittedThrough || v.passPosition !== line.rank.get(id)).length;
  add("passes only to places ≤ admittedThrough (in the answer that carried them)", notThrough === 0, `${passes.length} passes, ${notThrough} not through`);
  const [o] = await world.sql<{ admitted: number; closed_reason: string | null }[]>`SELECT admitted, closed_reason FROM on_sales WHERE show_id = ${showId}`;
  const admitted = Math.floor(Number(o!.admitted));
  const bookings = await world.sql<{ user_id: string; status: string }[]>`SELECT user_id, status FROM bookings WHERE show_id = ${showId}`;
  const passHolders = new Set(passes.map(([, id]) => id));
  const noPass = bookings.filter((b) => !passHolders.has(b.user_id)).length;
  const beyond = bookings.filter((b) => (line.rank.get(b.user_id) ?? Infinity) > admitted).length;
  add("every booking of the show is a pass holder's", noPass === 0, `${bookings.length} bookings, ${noPass} without a pass`);
  add("every booking's place ≤ the room's admitted", beyond === 0, `admitted ${admitted}, ${beyond} beyond`);

  const mismatched = await mismatchedBookings(world, showId, "LOCKED", sale.holds);
  add("held seats = seats of successful holds (each booking exactly its seats)", mismatched === 0, `${mismatched} bookings disagree`);
  const [twice] = await world.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT bs.show_seat_id FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
      WHERE b.show_id = ${showId} AND b.status IN ('INITIATED', 'LOCKED', 'PAYMENT_PENDING', 'CONFIRMED') GROUP BY 1 HAVING count(*) > 1) x`;
  add("no seat in two bookings", twice!.n === 0, `${twice!.n} seats twice`);
  if (USE_REDIS) {
    const { seatKey } = await import("@/lib/seating/redis-holds");
    const keys = await h.redisCommand(["KEYS", seatKey(showId, "*")]).catch(() => undefined);
    const n = Array.isArray(keys) ? keys.length : -1;
    const heldSeats = [...sale.holds.values()].reduce((a, s) => a + s.length, 0);
    add("Redis hold keys = held seats", n === heldSeats, `${n} keys, ${heldSeats} held`);
  }
  checks.push(...sale.probes);
  add("no request answered 5xx", fiveXX === 0, `${fiveXX} answers 5xx`);
  return { checks, rho, early: early.length, late: late.length };
}

// ---- join capacity: the same joins back to back --------------------------------------------------
type JoinRun = { name: string; n: number; seconds: number; lat: number[]; errors: Errors };

async function joinCapacity(world: World, showId: string): Promise<JoinRun> {
  await world.sql`INSERT INTO on_sales (show_id, on_sale_at, waiting_room, admit_per_minute) VALUES (${showId}, now() + interval '1 day', true, ${RATE})`;
  const r: JoinRun = { name: "app  HTTP join", n: 0, seconds: 0, lat: [], errors: h.errors() };
  r.seconds = await runBuyers(VISITORS, SOCKETS, async (i) => {
    const t = performance.now();
    try {
      const res = await request("POST", `/api/v1/shows/${showId}/queue`, { token: world.users[i]!.token, headers: { "x-forwarded-for": visitorIp(i) } });
      r.lat.push(performance.now() - t);
      if (res.status === 201) r.n++;
      else {
        if (res.status >= 500) fiveXX++;
        r.errors.add("join", describe(res));
      }
    } catch (err) {
      r.errors.add("join", (err as Error).message);
    }
  });
  return r;
}

// ---- raw baselines: the same joins as raw operations ----------------------------------------------
async function rawRedis(world: World, early: boolean[]): Promise<JoinRun> {
  const key = `marquee:bench-queue:{${randomUUID()}}`;
  const r: JoinRun = { name: "raw  Redis ZADD NX+ZRANK", n: 0, seconds: 0, lat: [], errors: h.errors() };
  let seq = 0;
  try {
    r.seconds = await runBuyers(VISITORS, SOCKETS, async (i) => {
      const member = world.users[i]!.id;
      const score = early[i] ? String(Math.random()) : String(1 + ++seq);
      const t = performance.now();
      try {
        const [, rank] = await h.redisPipeline([["ZADD", key, "NX", score, member], ["ZRANK", key, member]]);
        r.lat.push(performance.now() - t);
        if (typeof rank === "number") r.n++;
        else r.errors.add("ZRANK", String(rank));
      } catch (err) {
        r.errors.add("pipeline", (err as Error).message);
      }
    });
  } finally {
    await h.redisCommand(["DEL", key]).catch(() => {});
  }
  return r;
}

async function rawPostgres(world: World, showId: string, early: boolean[], sql: postgres.Sql): Promise<JoinRun> {
  const r: JoinRun = { name: "raw  Postgres INSERT+rank", n: 0, seconds: 0, lat: [], errors: h.errors() };
  await sql`CREATE SEQUENCE IF NOT EXISTS bench_queue_seq`;
  r.seconds = await runBuyers(VISITORS, SOCKETS, async (i) => {
    const user = world.users[i]!.id;
    const t = performance.now();
    try {
      await sql`
        INSERT INTO queue_entries (show_id, user_id, sort_key)
        VALUES (${showId}, ${user}, ${early[i] ? sql`${Math.random()}::float8` : sql`1 + nextval('bench_queue_seq')`})
        ON CONFLICT (show_id, user_id) DO NOTHING`;
      const [row] = await sql<{ position: number }[]>`
        SELECT count(*)::int + 1 AS position FROM queue_entries q
        WHERE q.show_id = ${showId} AND q.sort_key < (SELECT sort_key FROM queue_entries WHERE show_id = ${showId} AND user_id = ${user})`;
      r.lat.push(performance.now() - t);
      if (row) r.n++;
    } catch (err) {
      r.errors.add("raw join", (err as Error).message);
    }
  });
  return r;
}

// ---- report ----------------------------------------------------------------------------------------
function printKinds(names: string[]) {
  console.log("request                                   n     2xx    304  other    p50 ms   p95 ms   p99 ms    max ms");
  for (const name of names) {
    const k = kinds.get(name);
    if (!k) continue;
    const p = pct(k.lat);
    let ok = 0;
    let n304 = 0;
    let other = 0;
    for (const [s, c] of k.statuses) {
      if (s >= 200 && s < 300) ok += c;
      else if (s === 304) n304 += c;
      else other += c;
    }
    console.log(`${name.padEnd(38)} ${pad(k.lat.length, 6)} ${pad(ok, 7)} ${pad(n304, 6)} ${pad(other, 6)} ${pad(f1(p.p50), 9)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(f1(p.max), 9)}`);
  }
}

function printJoinRuns(runs: JoinRun[]) {
  console.log("run                            joins   joins/s   p50 ms   p95 ms   p99 ms   errors");
  for (const r of runs) {
    const p = pct(r.lat);
    console.log(`${r.name.padEnd(28)} ${pad(r.n, 7)} ${pad((r.n / r.seconds).toFixed(0), 9)} ${pad(f1(p.p50), 8)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(r.errors.count, 8)}`);
  }
}

async function idlePages(showId: string): Promise<void> {
  const pages = [
    ["idle: events list", "/api/v1/events?city=bench-city"],
    ["idle: seat status", `/api/v1/shows/${showId}/seats?view=status`],
    ["idle: show page (HTML)", `/shows/${showId}`],
  ] as const;
  const rate = Math.max(PAGE_RATE, 5);
  const running: Promise<unknown>[] = [];
  for (let n = 0; n < IDLE_SECONDS * rate; n++) {
    const start = Date.now();
    const [name, path] = pages[n % pages.length]!;
    running.push(
      call(name, "GET", path, { headers: { "x-forwarded-for": `10.251.0.${n % 250}`, accept: name.includes("HTML") ? "text/html" : "application/json" } }).then((res) => {
        if (res && res.status !== 200) errors.add(name, describe(res));
      }),
    );
    await sleep(start + 1000 / rate - Date.now());
  }
  await Promise.all(running);
}

async function main(): Promise<number> {
  console.log(`setting up ${h.dbName}: the ${SEATS}-seat hall, ${VISITORS} visitors (+${PROBES} for the refusals)…`);
  const world = await h.setupDatabase({ venue: { name: "Waiting Room Hall", slug: "waiting-room-hall" }, event: { title: "On-sale: Live", slug: "onsale-live" }, users: VISITORS + PROBES });
  const probeUsers = world.users.slice(VISITORS);
  const saleShow = await world.newShow("2D on-sale");
  const capacityShow = await world.newShow("2D join capacity");
  const rawShow = await world.newShow("2D raw joins");
  await world.sql`ANALYZE`;
  const rawMax = await h.rawPoolMax(world, args["raw-max"], SOCKETS, 20);

  const lineKeys = [saleShow, capacityShow].flatMap((id) => [`marquee:queue:{${id}}`, `marquee:queue:{${id}}:seq`]);
  try {
    return await measure(world, probeUsers, saleShow, capacityShow, rawShow, rawMax);
  } finally {
    // The lines outlive a run by their TTL (two weeks): ours go now.
    if (USE_REDIS) await h.redisCommand(["DEL", ...lineKeys]).catch(() => {});
  }
}

async function measure(world: World, probeUsers: World["users"], saleShow: string, capacityShow: string, rawShow: string, rawMax: number): Promise<number> {
  const load0 = loadavg();
  await h.start();
  console.log(`next start on 127.0.0.1:${PORT} (Redis ${USE_REDIS ? "on: the line is a sorted set" : "off: the line is queue_entries"})`);
  // Warm the routes once (the first request of each compiles nothing, but loads modules).
  await request("GET", `/shows/${saleShow}`, { headers: { accept: "text/html" } });
  await request("GET", `/api/v1/shows/${saleShow}/queue/room`);
  await request("GET", `/api/v1/shows/${saleShow}/seats?view=status`);

  console.log(`\nidle: other pages at ${Math.max(PAGE_RATE, 5)}/s for ${IDLE_SECONDS} s…`);
  await idlePages(saleShow);

  console.log(`\non-sale: ${VISITORS} visitors arriving over ~${JOIN_SECONDS} s (Poisson, ${(VISITORS / JOIN_SECONDS).toFixed(0)}/s), on-sale at ${(EARLY * JOIN_SECONDS).toFixed(0)} s, admitting ${RATE}/min; ${(POLL_SHARE * 100).toFixed(0)}% poll the origin…`);
  const sale = await onSale(world, saleShow, probeUsers);
  const { checks, rho, early, late } = await audit(world, saleShow, sale);

  let capacity: JoinRun | undefined;
  if (!args["no-capacity"]) {
    console.log(`\njoin capacity: the same ${VISITORS} joins on a second show, ${SOCKETS} in flight…`);
    capacity = await joinCapacity(world, capacityShow);
  }
  const earlyFlags = sale.visitors.map((v) => v.early !== false);
  console.log(`\nraw baselines: the same ${VISITORS} joins, ${SOCKETS} in flight…`);
  const redisRaw = USE_REDIS ? await rawRedis(world, earlyFlags) : undefined;
  const pgRaw = await h.withRawClient(rawMax, (raw) => rawPostgres(world, rawShow, earlyFlags, raw));

  // ---- figures ----
  const fromOnSale = (t: number) => ((t - sale.onSaleAt) / 1000).toFixed(1);
  console.log(`\n== On-sale waiting room: ${VISITORS} visitors, ${SEATS} seats, admitting ${RATE}/min, Redis ${USE_REDIS ? "on" : "off"}, ${SOCKETS} sockets ==`);
  const joinedN = sale.visitors.filter((v) => v.joinedAt >= 0).length;
  const lastJoin = Math.max(...sale.visitors.map((v) => v.joinedAt));
  console.log(`joins: ${joinedN} (${early} before the on-sale, ${late} after) in ${(lastJoin / 1000).toFixed(1)} s: ${(joinedN / (lastJoin / 1000)).toFixed(0)} joins/s achieved (offered ${(VISITORS / JOIN_SECONDS).toFixed(0)}/s); arrivals ≤ ${f1(sale.lagMs)} ms late`);
  console.log(`pollers: ${sale.pollers} visitors (${(POLL_SHARE * 100).toFixed(0)}%) poll the origin; the rest read the edge's copy`);
  const passes = sale.visitors.filter((v) => v.pass).length;
  const heldSeats = [...sale.holds.values()].reduce((a, s) => a + s.length, 0);
  console.log(
    `sale: ${passes} passes, ${sale.holds.size} holds of ${heldSeats} seats, ${sale.conflicts} conflicts (409), ${sale.lostOut} buyers without seats, ${sale.notYet} pass asks answered "not yet"; ` +
      (sale.soldOutAt ? `every seat held ${fromOnSale(sale.soldOutAt)} s after the on-sale` : `NOT sold out when the sale stopped ${fromOnSale(sale.endedAt)} s after the on-sale`),
  );
  // Admission: the edge's copy of admittedThrough over time, while seats were free.
  const until = sale.soldOutAt ?? sale.endedAt;
  const during = sale.admission.filter((a) => a.at >= sale.onSaleAt && a.at <= until);
  const last = during.at(-1);
  const achieved = last ? last.through / ((last.at - sale.onSaleAt) / 60_000) : NaN;
  console.log(`admission: ${last?.through ?? 0} places through ${last ? fromOnSale(last.at) : "–"} s after the on-sale: ${achieved.toFixed(0)}/min achieved vs ${RATE}/min set (${((achieved / RATE) * 100).toFixed(0)}%)`);
  const shared = kinds.get("shared poll (room)");
  const n304 = shared?.statuses.get(304) ?? 0;
  console.log(`shared poll: ${shared?.lat.length ?? 0} requests, ${shared?.lat.length ? ((n304 / shared.lat.length) * 100).toFixed(1) : "–"}% answered 304`);
  console.log("");
  printKinds([
    "join",
    "join (again, after no answer)",
    "shared poll (room)",
    "personal: place near the turn",
    "personal: pass",
    "seat status (buyer)",
    "hold (lock-seats)",
    "refusals",
    "idle: events list",
    "other: events list",
    "idle: seat status",
    "other: seat status",
    "idle: show page (HTML)",
    "other: show page (HTML)",
  ]);
  const ip = pct(sale.initLat);
  console.log(`initiate (with the pass): n ${sale.initLat.length}, p50 ${f1(ip.p50)} ms, p95 ${f1(ip.p95)} ms, p99 ${f1(ip.p99)} ms`);
  const otherLat = [...kinds.values()].filter((k) => k.name.startsWith("other: ")).flatMap((k) => k.lat);
  const idleLat = [...kinds.values()].filter((k) => k.name.startsWith("idle: ")).flatMap((k) => k.lat);
  const otherP95 = pct(otherLat).p95;
  console.log(`other pages p95: ${f1(otherP95)} ms while the room runs, ${f1(pct(idleLat).p95)} ms idle`);

  console.log("\njoins, the app's and the raw baselines' (closed loop, the same in-flight count):");
  const runs = [capacity, redisRaw, pgRaw].filter((r): r is JoinRun => !!r);
  printJoinRuns(runs);
  const joinP99 = pct(kind("join").lat).p99;
  const rawBest = redisRaw ?? pgRaw;
  if (capacity) console.log(`app/raw-${USE_REDIS ? "Redis" : "Postgres"} join throughput: ${(capacity.n / capacity.seconds / (rawBest.n / rawBest.seconds)).toFixed(2)}`);
  printErrors([{ name: "on-sale", errors }, ...runs]);

  console.log("");
  printChecks("audit:", checks);
  const auditOk = checks.every((c) => c.ok);
  const errorCount = errors.count + runs.reduce((n, r) => n + r.errors.count, 0);
  const pollP99 = pct(kind("shared poll (room)").lat).p99;
  const personalLat = ["personal: place near the turn", "personal: pass"].flatMap((n) => kind(n).lat);
  const holdP99 = pct(kind("hold (lock-seats)").lat).p99;
  const rows: Target[] = [
    { name: "join p99", value: `${f1(joinP99)} ms`, target: `< ${TARGETS.joinP99Ms} ms`, ok: joinP99 < TARGETS.joinP99Ms },
    { name: "shared poll p99", value: `${f1(pollP99)} ms`, target: `< ${TARGETS.pollP99Ms} ms`, ok: pollP99 < TARGETS.pollP99Ms },
    { name: "personal poll p99 (all three kinds)", value: `${f1(pct(personalLat).p99)} ms`, target: `< ${TARGETS.joinP99Ms} ms`, ok: pct(personalLat).p99 < TARGETS.joinP99Ms },
    { name: "hold p99 (lock-seats, with the pass)", value: `${f1(holdP99)} ms`, target: `< ${TARGETS.holdP99Ms} ms`, ok: holdP99 < TARGETS.holdP99Ms },
    { name: "other pages p95 while the room runs", value: `${f1(otherP95)} ms`, target: `< ${TARGETS.pagesP95Ms} ms`, ok: otherP95 < TARGETS.pagesP95Ms },
    { name: "admission achieved / set", value: `${((achieved / RATE) * 100).toFixed(0)}%`, target: "≥ 90%", ok: achieved / RATE >= 0.9 },
    { name: "sold out (every seat held)", value: sale.soldOutAt ? `${fromOnSale(sale.soldOutAt)} s` : "no", target: "yes", ok: sale.soldOutAt !== null },
    { name: "early order |ρ| vs join order", value: Number.isFinite(rho) ? Math.abs(rho).toFixed(4) : "–", target: `< ${TARGETS.rho}`, ok: Math.abs(rho) < TARGETS.rho },
    { name: "audit", value: auditOk ? "PASS" : "FAIL", target: "PASS", ok: auditOk },
    { name: "errors", value: String(errorCount), target: "0", ok: errorCount === 0 },
  ];
  printTargets(rows);
  const load1 = loadavg();
  console.log(`load average (1, 5 min) at the server's start ${load0[0]!.toFixed(1)}, ${load0[1]!.toFixed(1)}; at the end ${load1[0]!.toFixed(1)}, ${load1[1]!.toFixed(1)} (this machine is shared)`);
  return exitStatus({ auditOk, errorCount, strict: args.strict, targets: rows });
}

await h.run(main);
