// Halls (sections) and their seat layouts. A layout is rows of cells: a seat of some type, or a
// gap/aisle. Seat labels are the row's name plus a running number ("F12"), so a ticket's seat
// stays the same seat when the hall is edited. A seat that has bookings cannot be removed.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { isUniqueViolation } from "@/db/errors";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { clearSeatingCaches } from "@/lib/seating/availability";
import { createShowSeats, deleteShowSeatsOf, repriceFreeSeats } from "@/lib/seating/seat-state";
import { audit } from "./audit";
import { addHallZone, zoneSchema } from "./zones";
import { uuidArray } from "@/db/sql";

/**
 * One character per cell: "." gap or aisle; R regular, P premium, V VIP, C recliner, A wheelchair
 * space, M companion seat (sold only with the wheelchair space beside it).
 */
export const CELL_TYPES = { R: "REGULAR", P: "PREMIUM", V: "VIP", C: "RECLINER", A: "ACCESSIBLE", M: "COMPANION" } as const;
type Cell = keyof typeof CELL_TYPES | ".";

const layoutFields = z.object({
  name: z.string().trim().min(1, "Name the hall").max(60),
  kind: z.enum(["SCREEN", "AUDITORIUM", "STADIUM", "HALL"]),
  stageLabel: z.string().trim().min(1).max(30).default("SCREEN"),
  rows: z
    .array(
      z.object({
        label: z.string().trim().toUpperCase().regex(/^[A-Z]{1,3}$/, "Row names are 1–3 letters"),
        cells: z.string().regex(/^[.RPVCAM]{1,80}$/, "Cells are . R P V C A M, at most 80"),
      }),
    )
    .max(60, "At most 60 rows"),
  /** Zones to create with a new hall (an existing hall's zones are edited one by one, lib/admin/zones.ts). */
  zones: z.array(zoneSchema).max(20, "At most 20 zones").default([]),
});

function checkRows(v: z.output<typeof layoutFields>, ctx: z.RefinementCtx) {
  const labels = v.rows.map((r) => r.label);
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup) ctx.addIssue({ code: "custom", path: ["rows"], message: `Row ${dup} appears twice` });
  const zoneNames = v.zones.map((z) => z.name.toLowerCase());
  if (zoneNames.some((n, i) => zoneNames.indexOf(n) !== i)) ctx.addIssue({ code: "custom", path: ["zones"], message: "Each zone needs its own name" });
  // A companion seat can only ever be sold beside a wheelchair space: one anywhere else is a seat nobody can buy.
  for (const row of v.rows) {
    const stranded = [...row.cells].findIndex((cell, c) => cell === "M" && row.cells[c - 1] !== "A" && row.cells[c + 1] !== "A");
    if (stranded >= 0) ctx.addIssue({ code: "custom", path: ["rows"], message: `Row ${row.label}: a companion seat needs a wheelchair space beside it` });
  }
}

/** A new hall: seats, zones, or both. */
export const layoutSchema = layoutFields.superRefine((v, ctx) => {
  checkRows(v, ctx);
  if (!v.rows.some((r) => /[RPVCAM]/.test(r.cells)) && v.zones.length === 0) ctx.addIssue({ code: "custom", path: ["rows"], message: "The hall has no seats and no zones" });
});
/** An existing hall's seat grid, which may be empty when the hall has zones (updateHallLayout checks). */
export const layoutUpdateSchema = layoutFields.superRefine(checkRows);
export type LayoutInput = z.output<typeof layoutSchema>;

type PlannedSeat = { label: string; rowLabel: string; rowIndex: number; colIndex: number; type: string };

export function planSeats(rows: LayoutInput["rows"]): { seats: PlannedSeat[]; colCount: number } {
  const seats: PlannedSeat[] = [];
  rows.forEach((row, r) => {
    let n = 0;
    [...row.cells].forEach((cell, c) => {
      if (cell === ".") return;
      n++;
      seats.push({ label: `${row.label}${n}`, rowLabel: row.label, rowIndex: r, colIndex: c, type: CELL_TYPES[cell as Exclude<Cell, ".">] });
    });
  });
  return { seats, colCount: Math.max(0, ...rows.map((r) => r.cells.length)) };
}

/** The layout of an existing hall in the editor's terms. */
export async function getHallLayout(user: User, sectionId: string): Promise<Omit<LayoutInput, "zones"> & { id: string; venueId: string }> {
  const [s] = await queryRows<{ id: string; venueId: string; name: string; kind: LayoutInput["kind"]; stageLabel: string; rowCount: number; colCount: number }>(
    db,
    sql`SELECT id, venue_id AS "venueId", name, kind, stage_label AS "stageLabel", row_count AS "rowCount", col_count AS "colCount" FROM sections WHERE id = ${sectionId}::uuid`,
  );
  if (!s) throw notFound("Hall");
  await requireVenueAccess(user, s.venueId);
  const seats = await queryRows<{ rowLabel: string; rowIndex: number; colIndex: number; type: string }>(
    db,
    sql`SELECT row_label AS "rowLabel", row_index AS "rowIndex", col_index AS "colIndex", type FROM seats WHERE section_id = ${sectionId}::uuid AND zone_id IS NULL ORDER BY row_index, col_index`,
  );
  const code = Object.fromEntries(Object.entries(CELL_TYPES).map(([k, v]) => [v, k]));
  const rows = Array.from({ length: Number(s.rowCount) }, () => ({ label: "", cells: Array.from({ length: Number(s.colCount) }, () => ".") }));
  for (const seat of seats) {
    const row = rows[seat.rowIndex];
    if (!row) continue;
    row.label = seat.rowLabel;
    row.cells[seat.colIndex] = code[seat.type] ?? "R";
  }
  return {
    id: s.id,
    venueId: s.venueId,
    name: s.name,
    kind: s.kind,
    stageLabel: s.stageLabel,
    rows: rows.filter((r) => r.label).map((r) => ({ label: r.label, cells: r.cells.join("").replace(/\.+$/, "") || "." })),
  };
}

export async function createHall(user: User, venueId: string, input: LayoutInput): Promise<{ id: string }> {
  await requireVenueAccess(user, venueId);
  const { seats, colCount } = planSeats(input.rows);
  return db.transaction(async (tx) => {
    const [section] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO sections (venue_id, name, kind, row_count, col_count, stage_label)
          VALUES (${venueId}::uuid, ${input.name}, ${input.kind}, ${input.rows.length}, ${colCount}, ${input.stageLabel}) RETURNING id`,
    ).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", `This venue already has a hall called ${input.name}.`);
      throw err;
    });
    await tx.execute(sql`
      INSERT INTO seats (section_id, label, row_label, row_index, col_index, type)
      SELECT ${section!.id}::uuid, s.label, s."rowLabel", s."rowIndex", s."colIndex", s.type::seat_type
      FROM jsonb_to_recordset(${JSON.stringify(seats)}::jsonb) AS s(label text, "rowLabel" text, "rowIndex" int, "colIndex" int, type text)`);
    for (const zone of input.zones) await addHallZone(user, section!.id, zone, tx);
    await audit(tx, user, "halls.create", "section", section!.id, { venueId, name: input.name, seats: seats.length, zones: input.zones.length });
    return { id: section!.id };
  });
}

/**
 * Changes a hall's layout. Seats keep their labels; a seat may move or change type; new seats
 * go on sale at upcoming shows that price their type. A seat that has bookings (sold, held or
 * in any booking's history) cannot be removed — the change is refused naming those seats.
 */
export async function updateHallLayout(user: User, sectionId: string, input: LayoutInput): Promise<{ added: number; removed: number; changed: number }> {
  const current = await getHallLayout(user, sectionId);
  const { seats, colCount } = planSeats(input.rows);
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM sections WHERE id = ${sectionId}::uuid FOR UPDATE`);
    const existing = await queryRows<{ id: string; label: string; type: string; rowIndex: number; colIndex: number }>(
      tx,
      sql`SELECT id, label, type, row_index AS "rowIndex", col_index AS "colIndex" FROM seats WHERE section_id = ${sectionId}::uuid AND zone_id IS NULL`,
    );
    if (seats.length === 0) {
      const [zones] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM zones WHERE section_id = ${sectionId}::uuid`);
      if (!zones!.n) throw new AppError("VALIDATION_FAILED", "The hall has no seats and no zones.", { details: { fieldErrors: { rows: ["Add seats or a zone"] } } });
    }
    const wanted = new Map(seats.map((s) => [s.label, s]));
    const removed = existing.filter((e) => !wanted.has(e.label));
    if (removed.length) {
      const booked = await queryRows<{ label: string }>(
        tx,
        sql`SELECT DISTINCT st.label FROM seats st WHERE st.id = ANY(${uuidArray(removed.map((r) => r.id))})
              AND (EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.seat_id = st.id)
                   OR EXISTS (SELECT 1 FROM show_seats ss WHERE ss.seat_id = st.id AND ss.status IN ('BOOKED', 'LOCKED')))
            ORDER BY st.label`,
      );
      if (booked.length) {
        throw new AppError("CONFLICT", `Seats ${booked.map((b) => b.label).join(", ")} have bookings and cannot be removed. Keep them (you can change their type or block them for a show) or cancel those bookings first.`, {
          details: { labels: booked.map((b) => b.label) },
        });
      }
      await deleteShowSeatsOf(tx, removed.map((r) => r.id));
      await tx.execute(sql`DELETE FROM seats WHERE id = ANY(${uuidArray(removed.map((r) => r.id))})`);
    }
    // Moves first go to free positions: park every kept seat off-grid, then place it (the
    // (section, row, col) key must hold at every step).
    await tx.execute(sql`UPDATE seats SET row_index = -1 - row_index, col_index = -1 - col_index WHERE section_id = ${sectionId}::uuid`);
    let changed = 0;
    const kept = existing.filter((e) => wanted.has(e.label));
    for (const e of kept) {
      const w = wanted.get(e.label)!;
      if (w.type !== e.type || w.rowIndex !== e.rowIndex || w.colIndex !== e.colIndex) changed++;
    }
    await tx.execute(sql`
      UPDATE seats st SET row_label = s."rowLabel", row_index = s."rowIndex", col_index = s."colIndex", type = s.type::seat_type
      FROM jsonb_to_recordset(${JSON.stringify(seats)}::jsonb) AS s(label text, "rowLabel" text, "rowIndex" int, "colIndex" int, type text)
      WHERE st.section_id = ${sectionId}::uuid AND st.label = s.label`);
    const added = seats.filter((s) => !existing.some((e) => e.label === s.label));
    if (added.length) {
      await tx.execute(sql`
        INSERT INTO seats (section_id, label, row_label, row_index, col_index, type)
        SELECT ${sectionId}::uuid, s.label, s."rowLabel", s."rowIndex", s."colIndex", s.type::seat_type
        FROM jsonb_to_recordset(${JSON.stringify(added)}::jsonb) AS s(label text, "rowLabel" text, "rowIndex" int, "colIndex" int, type text)`);
    }
    // Upcoming shows sell new seats (and re-priced types) at their own prices.
    await createShowSeats(tx, sql`s.section_id = ${sectionId}::uuid AND s.status = 'SCHEDULED' AND s.starts_at > now()`, { onlyMaterialised: true });
    await repriceFreeSeats(tx, sectionId);
    await tx.execute(sql`UPDATE sections SET name = ${input.name}, kind = ${input.kind}, stage_label = ${input.stageLabel}, row_count = ${input.rows.length}, col_count = ${colCount} WHERE id = ${sectionId}::uuid`);
    await audit(tx, user, "halls.layout", "section", sectionId, { added: added.length, removed: removed.length, changed, before: current.rows.length, after: input.rows.length });
    return { added: added.length, removed: removed.length, changed };
  });
  clearSeatingCaches();
  return result;
}
