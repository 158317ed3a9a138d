"use client";
import { useActionState, useMemo, useState } from "react";
import { saveHallAction } from "@/app/actions/admin";
import { FormError } from "@/components/ui/field";
import { describeSeats, SeatGrid, StageMarker } from "@/components/seatmap/seat-grid";
import type { SeatMapLayout, SeatType } from "@/lib/seating/types";
import { ZoneDrafts, type ZoneDraft } from "./zone-manager";

type Code = "R" | "P" | "V" | "C" | "A" | "M" | ".";
type Row = { label: string; cells: Code[] };
const BRUSHES: { code: Code; label: string; swatch: string }[] = [
  { code: "R", label: "Regular", swatch: "border-slate-500 bg-white" },
  { code: "P", label: "Premium", swatch: "border-sky-600 bg-sky-50" },
  { code: "V", label: "VIP", swatch: "border-amber-500 bg-amber-50" },
  { code: "C", label: "Recliner", swatch: "border-violet-600 bg-violet-50" },
  { code: "A", label: "Wheelchair space", swatch: "border-emerald-600 bg-emerald-50" },
  { code: "M", label: "Companion seat", swatch: "border-teal-600 bg-teal-50" },
  { code: ".", label: "Aisle / gap", swatch: "border-dashed border-slate-300 bg-slate-100" },
];
const TYPE: Record<Exclude<Code, ".">, SeatType> = { R: "REGULAR", P: "PREMIUM", V: "VIP", C: "RECLINER", A: "ACCESSIBLE", M: "COMPANION" };
const rowName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
const input = "rounded-lg border border-slate-300 bg-white px-3 py-2";

export type HallDraft = { name: string; kind: SeatMapLayout["kind"]; stageLabel: string; rows: { label: string; cells: string }[] };

/**
 * The seat-layout editor: start from rows × columns, paint seat types or aisles cell by cell or
 * a whole row at a time, name rows, and see the hall exactly as buyers will.
 */
export function HallEditor({ sectionId, venues, initial, hasZones = false }: { sectionId?: string; venues?: { id: string; name: string }[]; initial?: HallDraft; hasZones?: boolean }) {
  const [state, action, pending] = useActionState(saveHallAction, null);
  const [name, setName] = useState(initial?.name ?? "");
  const [kind, setKind] = useState<SeatMapLayout["kind"]>(initial?.kind ?? "SCREEN");
  const [stageLabel, setStageLabel] = useState(initial?.stageLabel ?? "SCREEN");
  const [rows, setRows] = useState<Row[]>(() => (initial?.rows ?? []).map((r) => ({ label: r.label, cells: [...r.cells] as Code[] })));
  const [dims, setDims] = useState({ rows: 8, cols: 14 });
  const [brush, setBrush] = useState<Code>("R");
  const [painting, setPainting] = useState(false);
  const [zones, setZones] = useState<ZoneDraft[]>([]);

  const cols = Math.max(0, ...rows.map((r) => r.cells.length));
  const paint = (r: number, c: number) =>
    setRows((rs) => rs.map((row, i) => (i === r ? { ...row, cells: row.cells.map((cell, j) => (j === c ? brush : cell)) } : row)));
  const grid = (n: number, m: number) => setRows(Array.from({ length: n }, (_, i) => ({ label: rowName(i), cells: Array.from({ length: m }, () => "R" as Code) })));

  const preview: SeatMapLayout = useMemo(() => {
    const seats: SeatMapLayout["seats"] = [];
    rows.forEach((row, r) => {
      let n = 0;
      row.cells.forEach((cell, c) => {
        if (cell === ".") return;
        n++;
        seats.push({ id: `${r}-${c}`, label: `${row.label}${n}`, rowLabel: row.label, row: r, col: c, type: TYPE[cell], priceMinor: 0 });
      });
    });
    return { showId: "preview", currency: "INR", kind, stageLabel, rowCount: rows.length, colCount: cols, seats, zones: [], units: [] };
  }, [rows, kind, stageLabel, cols]);
  const text = useMemo(() => describeSeats(preview), [preview]);
  const payload = JSON.stringify({ name, kind, stageLabel, rows: rows.map((r) => ({ label: r.label, cells: r.cells.join("") })), zones });

  return (
    <form action={action} className="space-y-4" onPointerUp={() => setPainting(false)}>
      {sectionId ? <input type="hidden" name="sectionId" value={sectionId} /> : null}
      <input type="hidden" name="layout" value={payload} />
      <FormError message={state && !state.ok ? state.message : undefined} />
      <div className="grid gap-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5 sm:grid-cols-4">
        {venues ? (
          <div>
            <label htmlFor="venueId" className="mb-1 block text-sm font-semibold">Venue</label>
            <select id="venueId" name="venueId" className={`${input} w-full`} required>
              {venues.map((v) => (
                <option key={v.id} value={v.id}>{v.name}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="hall-name" className="mb-1 block text-sm font-semibold">Hall name</label>
          <input id="hall-name" value={name} onChange={(e) => setName(e.target.value)} className={`${input} w-full`} required />
        </div>
        <div>
          <label htmlFor="hall-kind" className="mb-1 block text-sm font-semibold">Kind</label>
          <select id="hall-kind" value={kind} onChange={(e) => setKind(e.target.value as SeatMapLayout["kind"])} className={`${input} w-full`}>
            <option value="SCREEN">Cinema screen</option>
            <option value="AUDITORIUM">Auditorium</option>
            <option value="HALL">Hall</option>
            <option value="STADIUM">Stadium stand</option>
          </select>
        </div>
        <div>
          <label htmlFor="hall-stage" className="mb-1 block text-sm font-semibold">Stage marker</label>
          <input id="hall-stage" value={stageLabel} onChange={(e) => setStageLabel(e.target.value)} className={`${input} w-full`} />
        </div>
      </div>

      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="dim-rows" className="mb-1 block text-xs text-slate-600">Rows</label>
            <input id="dim-rows" type="number" min={1} max={60} value={dims.rows} onChange={(e) => setDims({ ...dims, rows: Number(e.target.value) })} className={`${input} w-20`} />
          </div>
          <div>
            <label htmlFor="dim-cols" className="mb-1 block text-xs text-slate-600">Columns</label>
            <input id="dim-cols" type="number" min={1} max={80} value={dims.cols} onChange={(e) => setDims({ ...dims, cols: Number(e.target.value) })} className={`${input} w-20`} />
          </div>
          <button type="button" onClick={() => grid(Math.min(60, dims.rows), Math.min(80, dims.cols))} className="rounded-lg px-3 py-2 text-sm font-semibold ring-1 ring-slate-300">
            {rows.length ? "Start over with this grid" : "Make the grid"}
          </button>
          <button type="button" onClick={() => setRows((rs) => [...rs, { label: rowName(rs.length), cells: Array.from({ length: cols || dims.cols }, () => "R" as Code) }])} className="rounded-lg px-3 py-2 text-sm ring-1 ring-slate-300">
            Add row
          </button>
          <button type="button" onClick={() => setRows((rs) => rs.map((r) => ({ ...r, cells: [...r.cells, "R" as Code] })))} className="rounded-lg px-3 py-2 text-sm ring-1 ring-slate-300">
            Add column
          </button>
        </div>
        <fieldset className="mt-3">
          <legend className="text-sm font-semibold">Paint with</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {BRUSHES.map((b) => (
              <label key={b.code} className={`flex cursor-pointer items-center gap-2 rounded-lg px-3 py-1.5 text-sm ring-1 ${brush === b.code ? "bg-ink-900 text-white ring-ink-900" : "ring-slate-300"}`}>
                <input type="radio" name="brush" value={b.code} checked={brush === b.code} onChange={() => setBrush(b.code)} className="sr-only" />
                <span aria-hidden="true" className={`inline-block size-4 rounded border-2 ${b.swatch}`} />
                {b.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-3 max-h-[60vh] overflow-auto">
          <table className="border-separate border-spacing-1" aria-label="Layout grid">
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  <td>
                    <label className="sr-only" htmlFor={`row-${r}`}>Name of row {r + 1}</label>
                    <input id={`row-${r}`} value={row.label} maxLength={3} onChange={(e) => setRows((rs) => rs.map((x, i) => (i === r ? { ...x, label: e.target.value.toUpperCase() } : x)))} className="w-12 rounded border border-slate-300 px-1 py-0.5 text-center text-sm" />
                  </td>
                  {row.cells.map((cell, c) => {
                    const b = BRUSHES.find((x) => x.code === cell)!;
                    return (
                      <td key={c}>
                        <button
                          type="button"
                          aria-label={`Row ${row.label} column ${c + 1}: ${b.label}`}
                          onPointerDown={() => {
                            setPainting(true);
                            paint(r, c);
                          }}
                          onPointerEnter={() => painting && paint(r, c)}
                          onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), paint(r, c))}
                          className={`block size-6 rounded border-2 ${b.swatch}`}
                        />
                      </td>
                    );
                  })}
                  <td className="whitespace-nowrap pl-2 text-xs">
                    <button type="button" onClick={() => setRows((rs) => rs.map((x, i) => (i === r ? { ...x, cells: x.cells.map((cell) => (cell === "." ? cell : brush === "." ? "." : brush)) } : x)))} className="rounded px-2 py-1 ring-1 ring-slate-300">
                      Fill row
                    </button>{" "}
                    <button type="button" onClick={() => setRows((rs) => rs.filter((_, i) => i !== r))} className="rounded px-2 py-1 text-red-700 ring-1 ring-red-200">
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      {sectionId ? null : <ZoneDrafts zones={zones} onChange={setZones} />}
      <section aria-labelledby="preview" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="preview" className="mb-3 font-semibold">Preview — as buyers will see it ({preview.seats.length} seats)</h2>
        <div className="overflow-auto bg-slate-50/60 p-4" style={{ ["--seat" as string]: "22px" }}>
          <div className="mx-auto w-fit">
            <StageMarker kind={kind} label={stageLabel || "STAGE"} />
            <SeatGrid layout={preview} text={text} views={preview.seats.map(() => "available")} active={-1} interactive={false} />
          </div>
        </div>
      </section>
      <button disabled={pending || (rows.length === 0 && zones.length === 0 && !hasZones)} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white hover:bg-brand-600 disabled:opacity-60">
        {pending ? "Saving…" : sectionId ? "Save layout" : "Create hall"}
      </button>
    </form>
  );
}
