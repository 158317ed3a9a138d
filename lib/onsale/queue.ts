// The waiting room's line: who joined a show's on-sale queue, in what order. With Redis configured
// it is a sorted set per show; without, rows of queue_entries (the embedded demo). Both order the
// same way: everyone who joined before the on-sale gets a random score in [0, 1) — a random order
// among them, fixed once the on-sale starts and nobody can join early any more — and later
// arrivals 1 + a counter, first come first served behind them. One place per account: joining
// again answers the place already held, so leaving the page and coming back keeps it.
import "server-only";
import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { getRedis, type Redis } from "@/lib/redis/client";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("queue");

export type QueueStore = {
  kind: "redis" | "postgres";
  /**
   * Joins (or finds) the account's place; `early` when the on-sale has not started. Answers its
   * 1-based position and, for an early joiner, its draw (the random score in [0, 1) that orders it).
   */
  join(showId: string, userId: string, early: boolean): Promise<Place & { joined: boolean }>;
  /** The account's place, or null when it never joined. */
  place(showId: string, userId: string): Promise<Place | null>;
  /** How many have joined. */
  length(showId: string): Promise<number>;
  /** How many joined before the on-sale (the draw's size). */
  earlyCount(showId: string): Promise<number>;
  /** Drops a show's line (the room was turned off or the show is gone). */
  clear(showId: string): Promise<void>;
};

/** A place in line: its 1-based position, and the draw for those who joined before the on-sale. */
export type Place = { position: number; draw: number | null };

const drawOf = (score: number) => (score < 1 ? score : null);

/** A random score in [0, 1) with 48 bits: early joiners tie with negligible probability. */
const earlyScore = () => randomInt(0, 2 ** 48 - 1) / 2 ** 48;

// ---------------------------------------------------------------------------------------------
// Redis: ZSET marquee:queue:{show} (member: user id), counter marquee:queue:{show}:seq.

const lineKey = (showId: string) => `marquee:queue:{${showId}}`;
const seqKey = (showId: string) => `marquee:queue:{${showId}}:seq`;
/** The line outlives any on-sale by far; it is dropped with the room or after this. */
const LINE_TTL_SECONDS = 14 * 24 * 3600;

// KEYS[1] line, KEYS[2] counter; ARGV[1] user, ARGV[2] "1" when early, ARGV[3] early score, ARGV[4] ttl.
// Answers {joined (0|1), rank (0-based)}.
const JOIN = `
local joined = 0
if not redis.call("ZSCORE", KEYS[1], ARGV[1]) then
  local score
  if ARGV[2] == "1" then score = ARGV[3] else score = 1 + redis.call("INCR", KEYS[2]) end
  redis.call("ZADD", KEYS[1], score, ARGV[1])
  redis.call("EXPIRE", KEYS[1], ARGV[4])
  redis.call("EXPIRE", KEYS[2], ARGV[4])
  joined = 1
end
return {joined, redis.call("ZRANK", KEYS[1], ARGV[1]), redis.call("ZSCORE", KEYS[1], ARGV[1])}
`;

// KEYS[1] line; ARGV[1] user. Answers {rank (0-based), score} or false.
const PLACE = `
local score = redis.call("ZSCORE", KEYS[1], ARGV[1])
if not score then return false end
return {redis.call("ZRANK", KEYS[1], ARGV[1]), score}
`;

export function redisQueue(redis: Redis): QueueStore {
  return {
    kind: "redis",
    async join(showId, userId, early) {
      const [joined, rank, score] = await redis.eval<string[], [number, number, string]>(JOIN, [lineKey(showId), seqKey(showId)], [userId, early ? "1" : "0", String(earlyScore()), String(LINE_TTL_SECONDS)]);
      return { joined: joined === 1, position: Number(rank) + 1, draw: drawOf(Number(score)) };
    },
    async place(showId, userId) {
      const found = await redis.eval<string[], [number, string] | null>(PLACE, [lineKey(showId)], [userId]);
      return found ? { position: Number(found[0]) + 1, draw: drawOf(Number(found[1])) } : null;
    },
    async length(showId) {
      return Number(await redis.zcard(lineKey(showId)));
    },
    async earlyCount(showId) {
      return Number(await redis.zcount(lineKey(showId), "-inf", "(1"));
    },
    async clear(showId) {
      await redis.del(lineKey(showId), seqKey(showId));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Postgres: queue_entries. A position is counted over the (show, sort_key) index, and kept in the
// row once the early order can no longer change (10 s after the on-sale, so a join that started
// before it has landed).

export function postgresQueue(): QueueStore {
  const place = async (showId: string, userId: string): Promise<Place | null> => {
    const [row] = await queryRows<{ position: number; sortKey: number }>(
      db,
      sql`WITH me AS (SELECT sort_key, position FROM queue_entries WHERE show_id = ${showId}::uuid AND user_id = ${userId}::uuid),
          counted AS (
            SELECT coalesce((SELECT position FROM me),
                            (SELECT count(*)::int + 1 FROM queue_entries q, me WHERE q.show_id = ${showId}::uuid AND q.sort_key < me.sort_key)) AS position,
                   (SELECT sort_key FROM me) AS "sortKey"
            WHERE EXISTS (SELECT 1 FROM me)
          ),
          kept AS (
            UPDATE queue_entries q SET position = c.position FROM counted c, on_sales o
            WHERE q.show_id = ${showId}::uuid AND q.user_id = ${userId}::uuid AND q.position IS NULL
              AND o.show_id = q.show_id AND now() > o.on_sale_at + interval '10 seconds'
            RETURNING q.position
          )
          SELECT position, "sortKey" FROM counted`,
    );
    return row ? { position: Number(row.position), draw: drawOf(Number(row.sortKey)) } : null;
  };
  return {
    kind: "postgres",
    async join(showId, userId, early) {
      // A late join draws its number holding a per-show lock until its INSERT commits, so a show's
      // numbers are drawn one at a time in commit order: when its place is then counted (a second
      // statement, a fresh snapshot), every lower number is in. Drawn without it, a join whose lower
      // number had not committed yet was missed by a later join's count, which then answered (and,
      // 10 s after the on-sale, kept) the earlier joiner's place: found by bench/queue.ts --no-redis.
      // One statement, not db.transaction: under load postgres.js 3.4 can send a transaction's
      // BEGIN without reserving its connection (UNSAFE_TRANSACTION). The lock is in a FROM
      // subquery (volatile, behind OFFSET 0: not pulled up), so it is taken before nextval runs.
      const inserted = await queryRows<{ joined: boolean }>(
        db,
        early
          ? sql`INSERT INTO queue_entries (show_id, user_id, sort_key) VALUES (${showId}::uuid, ${userId}::uuid, ${earlyScore()}::float8)
                ON CONFLICT (show_id, user_id) DO NOTHING RETURNING true AS joined`
          : sql`INSERT INTO queue_entries (show_id, user_id, sort_key)
                SELECT ${showId}::uuid, ${userId}::uuid, 1 + nextval('queue_entries_seq')
                FROM (SELECT pg_advisory_xact_lock(hashtext(${`marquee:queue:${showId}`})) OFFSET 0) AS one_at_a_time
                ON CONFLICT (show_id, user_id) DO NOTHING RETURNING true AS joined`,
      );
      const found = await place(showId, userId);
      return { joined: inserted.length > 0, position: found?.position ?? 1, draw: found?.draw ?? null };
    },
    place,
    async earlyCount(showId) {
      const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM queue_entries WHERE show_id = ${showId}::uuid AND sort_key < 1`);
      return Number(row?.n ?? 0);
    },
    async length(showId) {
      const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM queue_entries WHERE show_id = ${showId}::uuid`);
      return Number(row?.n ?? 0);
    },
    async clear(showId) {
      await db.execute(sql`DELETE FROM queue_entries WHERE show_id = ${showId}::uuid`);
    },
  };
}

/**
 * The line in use: Redis when configured, else Postgres. A configured Redis that fails is not
 * swapped for Postgres mid-sale (that would split the line in two): the caller answers 503 and the
 * visitor's page retries; see withQueue.
 */
export function queueStore(): QueueStore {
  const redis = getRedis();
  return redis ? redisQueue(redis) : postgresQueue();
}

export async function withQueue<T>(fn: (q: QueueStore) => Promise<T>): Promise<T> {
  const store = queueStore();
  try {
    return await fn(store);
  } catch (err) {
    if (store.kind === "redis" && !(err instanceof AppError)) {
      logger.warn({ err }, `Redis failed: ${err instanceof Error ? err.message.split(", command was:")[0] : String(err)}`);
      throw new AppError("SERVICE_UNAVAILABLE", "The waiting room is busy. Stay on this page; it retries by itself.", { headers: { "Retry-After": "3" }, cause: err });
    }
    throw err;
  }
}
