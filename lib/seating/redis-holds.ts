// Phase 1 of a hold: one Lua script takes every requested seat of a show in Redis, or none.
// Keys are hash-tagged by show (`{showId}`) so all seats of a request live on one Redis
// Cluster slot and the script stays atomic. Redis only rejects contention cheaply; Postgres
// (phase 2) decides. Every function here throws when Redis fails: callers wrap them in
// withRedis() and carry on without phase 1.
import type { Redis } from "@/lib/redis/client";

export const seatKey = (showId: string, seatId: string) => `marquee:hold:{${showId}}:${seatId}`;

// KEYS: seat keys; ARGV[1]: booking id; ARGV[2]: ttl in ms.
// Answers {0, takenIndexes} when any seat is held by another booking (nothing written), else
// {1, freshIndexes}: the seats newly taken (seats this booking already had get their ttl set).
const ACQUIRE = `
local taken = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call("GET", key)
  if holder and holder ~= ARGV[1] then taken[#taken + 1] = i end
end
if #taken > 0 then return {0, taken} end
local fresh = {}
for i, key in ipairs(KEYS) do
  if redis.call("SET", key, ARGV[1], "PX", ARGV[2], "NX") then
    fresh[#fresh + 1] = i
  else
    redis.call("PEXPIRE", key, ARGV[2])
  end
end
return {1, fresh}
`;

// KEYS: seat keys; ARGV[1]: booking id. Deletes only keys this booking still holds.
const RELEASE = `
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call("GET", key) == ARGV[1] then n = n + redis.call("DEL", key) end
end
return n
`;

// KEYS: seat keys; ARGV[1]: booking id; ARGV[2]: ttl in ms. Postgres has just given these
// seats to this booking: record that, whatever Redis held (a key left behind by a release
// whose Redis call failed, say).
const CLAIM = `
for _, key in ipairs(KEYS) do
  redis.call("SET", key, ARGV[1], "PX", ARGV[2])
end
return #KEYS
`;

export type AcquireResult = { ok: true; fresh: string[] } | { ok: false; taken: string[] };

export async function acquireSeats(redis: Redis, showId: string, bookingId: string, seatIds: string[], ttlMs: number): Promise<AcquireResult> {
  if (seatIds.length === 0) return { ok: true, fresh: [] };
  const keys = seatIds.map((id) => seatKey(showId, id));
  const [ok, indexes] = await redis.eval<string[], [number, number[]]>(ACQUIRE, keys, [bookingId, String(Math.max(1, Math.ceil(ttlMs)))]);
  const ids = (indexes ?? []).map((i) => seatIds[i - 1]!);
  return ok === 1 ? { ok: true, fresh: ids } : { ok: false, taken: ids };
}

export async function releaseSeats(redis: Redis, showId: string, bookingId: string, seatIds: string[]): Promise<number> {
  if (seatIds.length === 0) return 0;
  return redis.eval<string[], number>(RELEASE, seatIds.map((id) => seatKey(showId, id)), [bookingId]);
}

export async function claimSeats(redis: Redis, showId: string, bookingId: string, seatIds: string[], ttlMs: number): Promise<number> {
  if (seatIds.length === 0) return 0;
  return redis.eval<string[], number>(CLAIM, seatIds.map((id) => seatKey(showId, id)), [bookingId, String(Math.max(1, Math.ceil(ttlMs)))]);
}

// KEYS: candidate unit keys of the zones asked for, zone after zone, the booking's own units first;
// ARGV[1]: booking id; ARGV[2]: ttl in ms; ARGV[3..]: pairs (how many candidates of this zone,
// quantity wanted). Takes units in order until every zone has its quantity (units this booking
// already holds count), all zones or none: short anywhere ⇒ {0} and nothing written. Else
// {1, taken, fresh} (indexes into KEYS).
const TAKE_UNITS = `
local taken, fresh = {}, {}
local k = 0
for z = 3, #ARGV, 2 do
  local n, want, have = tonumber(ARGV[z]), tonumber(ARGV[z + 1]), 0
  for i = k + 1, k + n do
    if have == want then break end
    local holder = redis.call("GET", KEYS[i])
    if not holder then
      redis.call("SET", KEYS[i], ARGV[1], "PX", ARGV[2])
      fresh[#fresh + 1] = i
      taken[#taken + 1] = i
      have = have + 1
    elseif holder == ARGV[1] then
      redis.call("PEXPIRE", KEYS[i], ARGV[2])
      taken[#taken + 1] = i
      have = have + 1
    end
  end
  if have < want then
    for _, i in ipairs(fresh) do redis.call("DEL", KEYS[i]) end
    return {0}
  end
  k = k + n
end
return {1, taken, fresh}
`;

export type UnitCandidates = { unitIds: string[]; quantity: number }[];
export type TakeUnitsResult = { ok: true; taken: string[]; fresh: string[] } | { ok: false };

/**
 * Phase 1 for general admission: Redis hands out distinct units of each zone among the
 * candidates (free in the seat-map snapshot), so concurrent buyers of one zone do not meet on
 * the same rows in Postgres. Short ⇒ { ok: false } and Postgres decides (it is the authority).
 */
export async function takeUnits(redis: Redis, showId: string, bookingId: string, zones: UnitCandidates, ttlMs: number): Promise<TakeUnitsResult> {
  const ids = zones.flatMap((z) => z.unitIds);
  if (ids.length === 0) return { ok: false };
  const args = [bookingId, String(Math.max(1, Math.ceil(ttlMs))), ...zones.flatMap((z) => [String(z.unitIds.length), String(z.quantity)])];
  const [ok, taken, fresh] = await redis.eval<string[], [number, number[]?, number[]?]>(TAKE_UNITS, ids.map((id) => seatKey(showId, id)), args);
  if (ok !== 1) return { ok: false };
  return { ok: true, taken: (taken ?? []).map((i) => ids[i - 1]!), fresh: (fresh ?? []).map((i) => ids[i - 1]!) };
}
