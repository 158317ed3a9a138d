// Events for staff and admins: create, edit, publish/unpublish, and poster upload (type checked
// by the file's own bytes, size capped, stored under MEDIA_DIR and served with long caching).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { isoDay } from "@/lib/http/validation";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { venueScope } from "@/lib/auth/authorize";
import { env } from "@/lib/env.js";
import { AppError, notFound } from "@/lib/errors";
import { audit } from "./audit";
import { uuidArray } from "@/db/sql";

export const MAX_POSTER_BYTES = 2 * 1024 * 1024;

const list = (max: number) =>
  z
    .string()
    .max(400)
    .default("")
    .transform((v) => [...new Set(v.split(",").map((x) => x.trim()).filter(Boolean))].slice(0, max));

export const eventSchema = z
  .object({
    title: z.string().trim().min(2, "Give the event a title").max(150),
    category: z.enum(["MOVIE", "CONCERT", "SPORTS", "PLAY", "COMEDY", "EXHIBITION"]),
    description: z.string().trim().max(5000).default(""),
    languages: list(10),
    genres: list(10),
    durationMinutes: z.coerce.number().int().min(5, "At least 5 minutes").max(1440, "At most a day"),
    certificate: z.string().trim().max(10).optional().transform((v) => v || null),
    startDate: isoDay().optional().or(z.literal("")).transform((v) => v || null),
    endDate: isoDay().optional().or(z.literal("")).transform((v) => v || null),
  })
  .refine((v) => !v.startDate || !v.endDate || v.startDate <= v.endDate, { message: "The end date is before the start date", path: ["endDate"] });
export type EventInput = z.output<typeof eventSchema>;

/** A web address for a title or name: "Kabir Rao" → "kabir-rao"; `fallback` when nothing is left. */
export const slugify = (t: string, fallback = "event") =>
  t
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80) || fallback;

/**
 * Events a staff member manages: those they created and those with shows at their venues (admins:
 * all). As SQL over the alias `e`; null means no restriction.
 */
async function eventScope(user: User, ex: Executor = db) {
  const scope = await venueScope(user, ex);
  if (!scope) return null;
  return sql`(e.created_by = ${user.id}::uuid OR EXISTS (SELECT 1 FROM shows s WHERE s.event_id = e.id AND s.venue_id = ANY(${uuidArray(scope)})))`;
}

/** An event the caller may not manage answers 404, as if it did not exist; FOR UPDATE when changing it. */
export async function requireEventAccess(user: User, eventId: string, ex: Executor = db, lock = false): Promise<void> {
  const scope = await eventScope(user, ex);
  const [row] = await queryRows<{ id: string }>(
    ex,
    sql`SELECT e.id FROM events e WHERE e.id = ${eventId}::uuid ${scope ? sql`AND ${scope}` : sql``} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!row) throw notFound("Event");
}

export async function createEventAsStaff(user: User, input: EventInput): Promise<{ id: string; slug: string }> {
  return db.transaction(async (tx) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? slugify(input.title) : `${slugify(input.title)}-${randomBytes(2).toString("hex")}`;
      // ON CONFLICT keeps the transaction usable when the slug is taken: try the next one.
      const [row] = await queryRows<{ id: string; slug: string }>(
        tx,
        sql`INSERT INTO events (slug, title, category, status, description, languages, genres, duration_minutes, certificate, start_date, end_date, created_by)
            VALUES (${slug}, ${input.title}, ${input.category}, 'DRAFT', ${input.description}, ${pgTextArray(input.languages)}::text[],
                    ${pgTextArray(input.genres)}::text[], ${input.durationMinutes}, ${input.certificate}, ${input.startDate}::date, ${input.endDate}::date, ${user.id}::uuid)
            ON CONFLICT (slug) DO NOTHING
            RETURNING id, slug`,
      );
      if (!row) continue;
      await audit(tx, user, "events.create", "event", row.id, { title: input.title });
      return row;
    }
    throw new AppError("CONFLICT", "Could not find a free web address for this title; change the title slightly.");
  });
}

const pgTextArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, "")}"`).join(",")}}`;

export async function updateEventAsStaff(user: User, eventId: string, input: EventInput): Promise<void> {
  await db.transaction(async (tx) => {
    await requireEventAccess(user, eventId, tx, true);
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE events SET title = ${input.title}, category = ${input.category}, description = ${input.description},
            languages = ${pgTextArray(input.languages)}::text[], genres = ${pgTextArray(input.genres)}::text[],
            duration_minutes = ${input.durationMinutes}, certificate = ${input.certificate}, start_date = ${input.startDate}::date, end_date = ${input.endDate}::date, updated_at = now()
          WHERE id = ${eventId}::uuid RETURNING id`,
    );
    if (!rows.length) throw notFound("Event");
    await audit(tx, user, "events.update", "event", eventId, { title: input.title });
  });
}

export async function setEventPublished(user: User, eventId: string, published: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await requireEventAccess(user, eventId, tx, true);
    await tx.execute(sql`UPDATE events SET status = ${published ? "PUBLISHED" : "DRAFT"}, updated_at = now() WHERE id = ${eventId}::uuid`);
    await audit(tx, user, published ? "events.publish" : "events.unpublish", "event", eventId);
  });
}

const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: "image/jpeg", ext: "jpg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/png", ext: "png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/webp", ext: "webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
];

export const posterDir = () => path.resolve(/*turbopackIgnore: true*/ process.cwd(), env().MEDIA_DIR, "posters");

/** Stores a poster (JPEG, PNG or WebP by its bytes, ≤ 2 MB) and points the event at it. */
export async function uploadPoster(user: User, eventId: string, file: File): Promise<{ posterUrl: string }> {
  if (file.size === 0) throw new AppError("VALIDATION_FAILED", "Choose an image file.", { details: { fieldErrors: { poster: ["Choose an image"] } } });
  if (file.size > MAX_POSTER_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Posters can be at most 2 MB.", { details: { fieldErrors: { poster: ["At most 2 MB"] } } });
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Posters must be JPEG, PNG or WebP images.", { details: { fieldErrors: { poster: ["JPEG, PNG or WebP"] } } });
  await requireEventAccess(user, eventId);
  const name = `${eventId}-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.${kind.ext}`;
  await mkdir(posterDir(), { recursive: true });
  await writeFile(path.join(posterDir(), name), bytes);
  const posterUrl = `/media/posters/${name}`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE events SET poster_url = ${posterUrl}, updated_at = now() WHERE id = ${eventId}::uuid`);
    await audit(tx, user, "events.poster", "event", eventId, { posterUrl, bytes: bytes.length, type: kind.type });
  });
  return { posterUrl };
}

export async function listEventsForStaff(user: User): Promise<{ id: string; slug: string; title: string; category: string; status: string; posterUrl: string | null; shows: number }[]> {
  const scope = await eventScope(user);
  return queryRows(
    db,
    sql`SELECT e.id, e.slug, e.title, e.category, e.status, e.poster_url AS "posterUrl",
               (SELECT count(*) FROM shows s WHERE s.event_id = e.id AND s.starts_at > now() AND s.status = 'SCHEDULED')::int AS shows
        FROM events e ${scope ? sql`WHERE ${scope}` : sql``} ORDER BY e.updated_at DESC LIMIT 200`,
  );
}

export async function getEventForStaff(user: User, eventId: string) {
  await requireEventAccess(user, eventId);
  const [e] = await queryRows<{
    id: string; slug: string; title: string; category: EventInput["category"]; status: string; description: string; languages: string[]; genres: string[];
    durationMinutes: number; certificate: string | null; startDate: string | null; endDate: string | null; posterUrl: string | null;
  }>(
    db,
    sql`SELECT id, slug, title, category, status, description, languages, genres, duration_minutes AS "durationMinutes", certificate,
               start_date::text AS "startDate", end_date::text AS "endDate", poster_url AS "posterUrl" FROM events WHERE id = ${eventId}::uuid`,
  );
  if (!e) throw notFound("Event");
  return e;
}
