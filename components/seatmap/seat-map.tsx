"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, useTransition, type CSSProperties, type ReactNode } from "react";
import { formatMoney } from "@/lib/format/money";
import type { ActionResult } from "@/lib/http/action";
import { suggestSeats } from "@/lib/seating/best-available";
import { companionProblem } from "@/lib/seating/companions";
import { MAX_SEATS_PER_BOOKING, type SeatAvailability, type SeatMapLayout } from "@/lib/seating/types";
import { BlockOverview, BlockTabs } from "./block-overview";
import { blockOfSeat, opensOnBlocks, seatBlocks } from "./blocks";
import { SeatLegend } from "./legend";
import { buildSeatRows, nextSeat } from "./navigation";
import { SeatGrid, StageDirection, StageMarker, describeSeats, type GridArea } from "./seat-grid";
import { SEAT_VIEW_LABEL, type SeatView } from "./seat-styles";
import { seatsParamValue } from "./seats-param";
import { SummaryBar, type Notice } from "./summary-bar";
import { useLiveAvailability } from "./use-live-availability";
import { NUMBERS_FROM_PX, useSeatZoom } from "./use-seat-zoom";

export type HoldResult = ActionResult<{ bookingId: string; expiresAt: string }>;

export type SeatMapProps = {
  layout: SeatMapLayout;
  /** Server-rendered; replaced by the polled status as soon as that is newer. */
  availability: SeatAvailability;
  /** Seats the viewer's own active hold covers: shown and kept as theirs, not as held. */
  heldByMe: string[];
  /** Seat ids to start with (e.g. from `?seats=` after sign-in); unavailable ones are dropped. */
  initialSelection: string[];
  signedIn: boolean;
  /** False: a read-only map, nothing to select. */
  onSale: boolean;
  holdAction: (input: { showId: string; seatIds: string[]; zones?: { zoneId: string; quantity: number }[] }) => Promise<HoldResult>;
  /** General admission places the viewer's hold has now: kept when the seats change (one hold per show). */
  keepZones?: { zoneId: string; quantity: number }[];
};

const MAP_PADDING_PX = 32; // p-4 on both sides of the grid
const NONE: readonly number[] = [];

/** Whether the viewer can have this seat: it is free, or it is their own hold. */
const canHave = (code: string, id: string, mine: ReadonlySet<string>) => code === "A" || (code === "H" && mine.has(id));

/** Seats the show does not sell come with a negative price: treat them as blocked whatever the status says. */
function withUnsold(status: string, seats: SeatMapLayout["seats"]): string {
  if (!seats.some((s) => s.priceMinor < 0)) return status;
  return Array.from(status, (c, i) => ((seats[i]?.priceMinor ?? 0) < 0 ? "X" : c)).join("");
}

function viewOf(code: string, selected: boolean, mine: boolean): SeatView {
  if (selected) return "selected";
  if (code === "A" || (code === "H" && mine)) return "available";
  if (code === "H") return "held";
  return code === "B" ? "booked" : "blocked";
}

const listLabels = (labels: readonly string[]) =>
  labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;

const seatWord = (n: number) => (n === 1 ? "seat" : "seats");

function seatIdsOf(details: Record<string, unknown> | undefined): string[] {
  const ids = details?.seatIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

/**
 * A show's seat map: the hall drawn to scale, live availability (polled every second), selection
 * up to MAX_SEATS_PER_BOOKING, "best available", and Continue, which holds the seats and goes to
 * checkout. Keyboard: one tab stop, arrows between seats, Home/End, Enter/Space to toggle.
 * A big hall opens on its blocks (blocks.ts) and draws one block at a time; the selection, best
 * available and Continue still cover the whole hall.
 */
export function SeatMap({ layout, availability: initialAvailability, heldByMe, initialSelection, signedIn, onSale, holdAction, keepZones }: SeatMapProps) {
  const { seats, showId, currency } = layout;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const headingId = useId();
  const helpId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLParagraphElement>(null);

  const indexById = useMemo(() => new Map(seats.map((s, i) => [s.id, i])), [seats]);
  const text = useMemo(() => describeSeats(layout), [layout]);
  const blocks = useMemo(() => seatBlocks(seats), [seats]);
  const byBlocks = opensOnBlocks(seats.length, blocks);
  const blockOf = useMemo(() => blockOfSeat(blocks, seats.length), [blocks, seats.length]);
  const labelOf = (id: string) => seats[indexById.get(id) ?? -1]?.label ?? id;

  const { availability, refetch } = useLiveAvailability(initialAvailability, seats.length, onSale);
  const status = useMemo(() => withUnsold(availability.status, seats), [availability.status, seats]);

  // Seats this visit has just held: while the page moves on to checkout they read "H" but are ours.
  const [justHeld, setJustHeld] = useState<readonly string[]>([]);
  const mine = useMemo(() => new Set([...heldByMe, ...justHeld]), [heldByMe, justHeld]);

  const [start] = useState(() => {
    if (!onSale) return { ids: [], lost: [] };
    const ids: string[] = [];
    const lost: string[] = [];
    for (const id of new Set([...initialSelection, ...heldByMe])) {
      const i = indexById.get(id);
      if (i === undefined) continue;
      if (canHave(status.charAt(i), id, mine)) ids.push(id);
      else lost.push(seats[i]!.label);
    }
    return { ids: ids.slice(0, MAX_SEATS_PER_BOOKING), lost };
  });
  const [selected, setSelected] = useState<string[]>(start.ids);
  // The block drawn (null: the overview), for a hall that opens on its blocks. A selection
  // brought along (after signing in, or a hold being changed) opens on the block of its first seat.
  const [block, setBlock] = useState<number | null>(() => (byBlocks && start.ids[0] !== undefined ? blockOf[indexById.get(start.ids[0])!]! : null));
  const allSeats = useMemo(() => seats.map((_, i) => i), [seats]);
  const shown = byBlocks ? (block === null ? NONE : blocks[block]!.seats) : allSeats;
  const area: GridArea = useMemo(
    () => (byBlocks && block !== null ? blocks[block]! : { rowStart: 0, rowEnd: layout.rowCount - 1, colStart: 0, colEnd: layout.colCount - 1 }),
    [byBlocks, block, blocks, layout.rowCount, layout.colCount],
  );
  // Arrow keys move among the seats drawn: positions in `shown`, turned back into seat indexes.
  const nav = useMemo(() => buildSeatRows(shown.map((i) => seats[i]!)), [shown, seats]);
  const shownSeats = useMemo(() => shown.map((i) => seats[i]!), [shown, seats]);
  const posInShown = useMemo(() => {
    const pos = new Int32Array(seats.length).fill(-1);
    shown.forEach((i, p) => (pos[i] = p));
    return pos;
  }, [shown, seats.length]);
  const [notice, setNotice] = useState<Notice | null>(() =>
    start.lost.length
      ? { tone: "info", text: `${start.lost.length === 1 ? "Seat" : "Seats"} ${listLabels(start.lost)} ${start.lost.length === 1 ? "is" : "are"} no longer available.` }
      : null,
  );
  const [announcement, setAnnouncement] = useState("");
  const [bestCount, setBestCount] = useState(() => Math.max(1, Math.min(start.ids.length || 2, MAX_SEATS_PER_BOOKING)));
  // Wheelchair spaces among the best-available seats; offered only where the show sells some.
  const wheelchairSpaces = useMemo(() => seats.filter((s) => s.type === "ACCESSIBLE" && s.priceMinor >= 0).length, [seats]);
  const [accessibleCount, setAccessibleCount] = useState(0);
  const [active, setActive] = useState(() => {
    const first = start.ids[0];
    return first !== undefined ? indexById.get(first)! : Math.max(0, status.indexOf("A"));
  });
  // The seat to bring into view once it is drawn (best available may pick seats in another block).
  // Or, back on the overview, the block to put focus on (its tab is gone with the block).
  const revealRef = useRef<{ seat: number; focus: boolean } | { block: string } | null>(null);

  // When a poll shows a selected seat gone, drop it and say so. Done while rendering (React's
  // "adjust state when a prop changes"), not in an effect, so the stale selection never paints.
  // Not while a hold is in flight: our own seats turn "H" before the action answers.
  const [checkedStatus, setCheckedStatus] = useState(status);
  if (status !== checkedStatus && !pending) {
    setCheckedStatus(status);
    const lost = selected.filter((id) => !canHave(status.charAt(indexById.get(id) ?? -1), id, mine));
    if (lost.length) {
      setSelected(selected.filter((id) => !lost.includes(id)));
      const labels = lost.map(labelOf);
      setNotice({ tone: "info", text: `${labels.length === 1 ? "Seat" : "Seats"} ${listLabels(labels)} ${labels.length === 1 ? "was" : "were"} just taken by someone else.` });
    }
  }

  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const mineOrSelected = useMemo(() => new Set([...mine, ...selected]), [mine, selected]);
  const views = useMemo(() => seats.map((s, i) => viewOf(status.charAt(i), selectedSet.has(s.id), mine.has(s.id))), [seats, status, selectedSet, mine]);
  const ordered = useMemo(() => [...selected].sort((a, b) => (indexById.get(a) ?? 0) - (indexById.get(b) ?? 0)), [selected, indexById]);
  const labels = ordered.map(labelOf);
  const totalOf = (ids: readonly string[]) => ids.reduce((sum, id) => sum + (seats[indexById.get(id) ?? -1]?.priceMinor ?? 0), 0);
  const summarise = (ids: readonly string[]) =>
    ids.length === 0 ? "No seats selected." : `${ids.length} ${seatWord(ids.length)} selected, total ${formatMoney(totalOf(ids), currency)}.`;

  // Keep the selection in the address bar so reload and back keep it. history.replaceState, not
  // router.replace: Next.js syncs it without re-rendering the server page.
  const seatsValue = seatsParamValue(labels);
  useEffect(() => {
    if (!onSale) return;
    const { pathname, search, hash } = window.location;
    const params = new URLSearchParams(search);
    params.delete("seats");
    const query = [params.toString(), seatsValue && `seats=${seatsValue}`].filter(Boolean).join("&");
    const url = `${pathname}${query ? `?${query}` : ""}${hash}`;
    if (url !== `${pathname}${search}${hash}`) window.history.replaceState(null, "", url);
  }, [seatsValue, onSale]);

  const zoom = useSeatZoom(scrollRef, area.colEnd - area.colStart + 3, MAP_PADDING_PX);

  const selectedIn = useMemo(() => {
    const counts = blocks.map(() => 0);
    for (const id of selected) {
      const b = blockOf[indexById.get(id) ?? -1];
      if (b !== undefined && b >= 0) counts[b]!++;
    }
    return counts;
  }, [blocks, blockOf, selected, indexById]);

  /** Draws block `b` (null: the overview), fitted and from its top left; `seat` is then brought into view. */
  function showBlock(b: number | null, seat?: number, focus = false) {
    if (b !== block) {
      setBlock(b);
      zoom.reset();
    }
    if (b === null) {
      if (block !== null && focus) revealRef.current = { block: blocks[block]!.key };
      return;
    }
    const inBlock = blocks[b]!.seats;
    const target = seat ?? inBlock.find((i) => canHave(status.charAt(i), seats[i]!.id, mine)) ?? inBlock[0]!;
    setActive(target);
    revealRef.current = { seat: target, focus };
  }

  useEffect(() => {
    const reveal = revealRef.current;
    if (!reveal) return;
    revealRef.current = null;
    if ("block" in reveal) {
      scrollRef.current?.querySelector<HTMLElement>(`[data-block="${reveal.block}"]`)?.focus();
      return;
    }
    const el = seatElement(reveal.seat);
    if (!el) return;
    if (reveal.focus) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest", inline: "center", behavior: "smooth" });
  });

  const seatElement = (i: number) => mapRef.current?.querySelector<HTMLElement>(`[data-seat="${i}"]`) ?? null;
  const seatFrom = (target: EventTarget) => {
    const el = target instanceof Element ? target.closest<HTMLElement>("[data-seat]") : null;
    return el ? Number(el.dataset.seat) : -1;
  };

  function toggle(i: number) {
    const seat = seats[i];
    const view = views[i];
    if (!seat || !view || pending) return; // the hold in flight is for the seats as they were
    if (view === "selected") {
      const next = selected.filter((id) => id !== seat.id);
      setSelected(next);
      setNotice(companionNotice(next));
      setAnnouncement(`${seat.label} removed. ${summarise(next)}`);
    } else if (view !== "available") {
      setAnnouncement(`${seat.label} is ${SEAT_VIEW_LABEL[view]}.`);
    } else if (selected.length >= MAX_SEATS_PER_BOOKING) {
      setNotice({ tone: "info", text: `You can book up to ${MAX_SEATS_PER_BOOKING} seats at a time. Remove a seat to choose another.` });
    } else {
      const next = [...selected, seat.id];
      setSelected(next);
      setNotice(companionNotice(next));
      setAnnouncement(`${seat.label} selected. ${summarise(next)}`);
    }
  }

  /** Said as soon as a selection breaks the companion-seat rule, so nobody learns it at Continue. */
  function companionNotice(ids: readonly string[]): Notice | null {
    const problem = companionProblem(layout, ids);
    return problem ? { tone: "info", text: problem.message } : null;
  }

  function pickBest() {
    const n = bestCount;
    const free = mine.size ? Array.from(status, (c, i) => (c === "H" && mine.has(seats[i]!.id) ? "A" : c)).join("") : status;
    const k = Math.min(accessibleCount, n);
    const ids = suggestSeats(layout, free, n, k);
    if (!ids) {
      setNotice({
        tone: "info",
        text:
          k > 0
            ? `Sorry, there ${k === 1 ? "is no wheelchair space" : `are not ${k} wheelchair spaces`} left with room for ${n === k ? "you" : `${n} people`}. Try fewer, or pick seats on the map.`
            : n === 1
              ? "Sorry, no seats are left."
              : `Sorry, there are no ${n} adjacent seats left. Try fewer seats, or pick them on the map.`,
      });
      return;
    }
    setSelected(ids);
    setNotice(null);
    setAnnouncement(`Best available: ${listLabels(ids.map(labelOf))}. ${summarise(ids)}`);
    const first = indexById.get(ids[0]!)!;
    if (byBlocks) showBlock(blockOf[first]!, first);
    else {
      setActive(first);
      revealRef.current = { seat: first, focus: false };
    }
  }

  function clear() {
    setSelected([]);
    setNotice(null);
    setAnnouncement("Selection cleared.");
  }

  const signInHref = `/signin?callbackUrl=${encodeURIComponent(`/shows/${showId}?seats=${labels.join(",")}`)}`;

  function onContinue() {
    if (ordered.length === 0 || pending) return;
    if (!signedIn) {
      router.push(signInHref);
      return;
    }
    const seatIds = ordered;
    // The server refuses the same (422); saying it here spares the round trip.
    const problem = companionProblem(layout, seatIds);
    if (problem) {
      setNotice({ tone: "error", text: problem.message });
      return;
    }
    setNotice(null);
    startTransition(async () => {
      let result: HoldResult;
      try {
        result = await holdAction({ showId, seatIds, zones: keepZones });
      } catch {
        setNotice({ tone: "error", text: "We couldn't reach the box office. Check your connection and try again." });
        return;
      }
      if (result.ok) {
        setJustHeld(seatIds);
        const { bookingId } = result.data;
        startTransition(() => router.push(`/checkout/${bookingId}`));
        return;
      }
      if (result.code === "UNAUTHORIZED") {
        router.push(signInHref);
        return;
      }
      if (result.code === "SEATS_UNAVAILABLE") {
        const gone = new Set(seatIdsOf(result.details));
        setSelected((prev) => prev.filter((id) => !gone.has(id)));
        void refetch();
      }
      setNotice({ tone: "error", text: result.message });
    });
  }

  // Seats come sorted by row: the first is in the front row.
  const frontRow = seats[0]?.rowLabel;
  const overview = byBlocks && block === null;
  const help = [
    onSale ? `Choose up to ${MAX_SEATS_PER_BOOKING} seats.` : "Tickets are not on sale; the map shows which seats were taken.",
    byBlocks ? "The hall is shown one block at a time; choose a block first." : "",
    seats.some((s) => s.type === "COMPANION") ? "A companion seat is sold only with the wheelchair space beside it." : "",
    frontRow === undefined ? "" : `Row ${frontRow} is nearest the ${layout.stageLabel.toLowerCase()}.`,
    "Use the arrow keys to move between seats and Home or End to jump to the ends of a row.",
    onSale ? "Press Enter or Space to select or deselect a seat." : "",
  ].join(" ");

  return (
    <div className="mt-6">
      <section aria-labelledby={headingId} className="flex flex-col rounded-xl bg-white shadow-sm ring-1 ring-black/5">
        <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-4 pb-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {onSale ? "Choose your seats" : "Seat map"}
          </h2>
          {/* Kept in place (only hidden) on the overview, so the map below does not move when a block opens. */}
          {(
            <div role="group" aria-label="Zoom" aria-hidden={overview || undefined} className={`flex items-center gap-1 ${overview ? "invisible" : ""}`}>
              <ZoomButton label="Zoom out" onClick={zoom.zoomOut} disabled={!zoom.canZoomOut}>
                −
              </ZoomButton>
              <ZoomButton label={byBlocks ? "Fit the whole block" : "Fit the whole hall"} onClick={zoom.fit} pressed={zoom.fitted}>
                <span className="px-1 text-sm font-medium">Fit</span>
              </ZoomButton>
              <ZoomButton label="Zoom in" onClick={zoom.zoomIn} disabled={!zoom.canZoomIn}>
                +
              </ZoomButton>
            </div>
          )}
        </div>
        {/* Below the map on a phone, so the seats are on screen when the page opens. */}
        <div className="border-t border-slate-100 max-sm:order-last">
          <SeatLegend layout={layout} />
        </div>
        {/* The overview is itself the choice of block: the tabs appear once a block is open. */}
        {byBlocks && !overview ? <BlockTabs blocks={blocks} current={block} selectedIn={selectedIn} onPick={(b) => showBlock(b, undefined, true)} /> : null}

        <div className="relative">
          {/* A size container: the fitted seat size is worked out from its width in CSS (use-seat-zoom.ts).
              Panning is the browser's, pinching the map's own (use-seat-zoom.ts), so a pinch never zooms the page. */}
          <div
            ref={scrollRef}
            data-testid="seat-map-viewport"
            className="max-h-[min(70vh,calc(100svh-16rem))] touch-pan-x touch-pan-y overflow-auto overscroll-contain [container-type:inline-size] [scrollbar-gutter:stable] border-y border-slate-100 bg-slate-50"
          >
            {seats.length === 0 ? (
              <p className="p-6 text-center text-slate-600">The seat map for this show is not available.</p>
            ) : overview ? (
              <div className="p-4" style={{ "--seat": "12px" } as CSSProperties}>
                <StageMarker kind={layout.kind} label={layout.stageLabel} />
                <BlockOverview layout={layout} blocks={blocks} status={status} mine={mineOrSelected} selectedIn={selectedIn} onPick={(b) => showBlock(b, undefined, true)} />
              </div>
            ) : (
              <div
                className="group/map mx-auto w-max p-4"
                style={{ "--seat": zoom.css } as CSSProperties}
                data-numbers={zoom.size >= NUMBERS_FROM_PX ? "" : undefined}
              >
                <StageMarker kind={layout.kind} label={layout.stageLabel} labelRef={stageRef} />
                {/* One listener for every seat (event delegation): seats carry only data-seat. */}
                <div
                  ref={mapRef}
                  role="group"
                  aria-label={byBlocks && block !== null ? `Seat map, ${blocks[block]!.name}` : "Seat map"}
                  aria-describedby={helpId}
                  onClick={(e) => {
                    const i = seatFrom(e.target);
                    if (i < 0) return;
                    setActive(i);
                    if (onSale) toggle(i);
                  }}
                  onKeyDown={(e) => {
                    const i = seatFrom(e.target);
                    const p = i < 0 ? -1 : posInShown[i]!;
                    if (p < 0) return;
                    const step = nextSeat(nav, shownSeats, p, e.key, e.ctrlKey || e.metaKey);
                    if (step === null) return;
                    e.preventDefault();
                    const next = shown[step]!;
                    setActive(next);
                    seatElement(next)?.focus();
                  }}
                  onFocus={(e) => {
                    const i = seatFrom(e.target);
                    if (i >= 0) setActive(i);
                  }}
                >
                  <SeatGrid layout={layout} text={text} views={views} shown={shown} area={area} active={active} interactive={onSale} />
                </div>
              </div>
            )}
          </div>
          {overview || seats.length === 0 ? null : <StageDirection label={layout.stageLabel} scrollRef={scrollRef} labelRef={stageRef} watch={block} />}
        </div>
        <p id={helpId} className="sr-only">
          {help}
        </p>
      </section>

      {onSale ? (
        <SummaryBar
          labels={labels}
          total={formatMoney(totalOf(ordered), currency)}
          notice={notice}
          pending={pending}
          bestCount={bestCount}
          onBestCount={(n) => {
            setBestCount(n);
            setAccessibleCount((k) => Math.min(k, n));
          }}
          accessibleCount={accessibleCount}
          maxAccessible={Math.min(wheelchairSpaces, bestCount)}
          onAccessibleCount={setAccessibleCount}
          onBest={pickBest}
          onClear={clear}
          onContinue={onContinue}
        />
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function ZoomButton({ label, onClick, disabled, pressed, children }: { label: string; onClick: () => void; disabled?: boolean; pressed?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      onClick={onClick}
      disabled={disabled}
      className="flex h-9 min-w-9 items-center justify-center rounded-lg text-lg leading-none text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100 disabled:opacity-40 aria-pressed:bg-slate-100"
    >
      {children}
    </button>
  );
}
