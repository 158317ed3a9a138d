"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

export const DEFAULT_SEAT_PX = 28;
const MIN_SEAT_PX = 8;
const MAX_SEAT_PX = 56;
const STEP = 1.25;
/** The grid gap as a fraction of a seat: keep in step with SeatGrid. */
export const GAP_RATIO = 0.18;
/** Show seat numbers from this size up. */
export const NUMBERS_FROM_PX = 20;
/** A finger-sized seat: the smallest zoom-in step on a touch screen goes at least this far. */
export const TOUCH_SEAT_PX = 24;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

type Anchor = { x: number; y: number; ratioX: number; ratioY: number };

/** Columns' worth of seats and gaps: what the width is divided by to fit them. */
const spanOf = (columns: number) => columns + GAP_RATIO * (columns - 1);

/**
 * The fitted seat size as CSS, worked out by the browser from the scroll container's width (a
 * size container): right in the server-rendered page, so nothing moves when the script loads.
 */
export const fittedSeatCss = (columns: number, padding: number) =>
  `clamp(${MIN_SEAT_PX}px, calc((100cqw - ${padding}px) / ${spanOf(columns).toFixed(3)}), ${DEFAULT_SEAT_PX}px)`;

/**
 * The seat size for a map `columns` wide inside the scroll container `scrollRef`: fitted to
 * its width (never above the default) until the user zooms with the buttons, a pinch or
 * Ctrl+wheel (a trackpad pinch). The map is re-laid out at the new size, so it stays sharp,
 * and the point under the fingers (or the centre, for buttons) stays where it was. `css` is the
 * value for `--seat`; `size` the same in px (the default until the container is measured).
 */
export function useSeatZoom(scrollRef: RefObject<HTMLElement | null>, columns: number, padding: number) {
  const [fit, setFit] = useState(DEFAULT_SEAT_PX);
  const [manual, setManual] = useState<number | null>(null);
  const fitRef = useRef(DEFAULT_SEAT_PX);
  const anchorRef = useRef<Anchor | null>(null);
  const size = manual ?? fit;

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const next = clamp((el.clientWidth - padding) / spanOf(columns), MIN_SEAT_PX, DEFAULT_SEAT_PX);
      fitRef.current = next;
      setFit(next);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef, columns, padding]);

  const anchorAt = useCallback(
    (clientX?: number, clientY?: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const rect = el.getBoundingClientRect();
      const x = clientX === undefined ? el.clientWidth / 2 : clientX - rect.left;
      const y = clientY === undefined ? el.clientHeight / 2 : clientY - rect.top;
      anchorRef.current = { x, y, ratioX: (el.scrollLeft + x) / el.scrollWidth, ratioY: (el.scrollTop + y) / el.scrollHeight };
    },
    [scrollRef],
  );

  const zoomBy = useCallback(
    (factor: number, clientX?: number, clientY?: number) => {
      anchorAt(clientX, clientY);
      setManual((m) => clamp((m ?? fitRef.current) * factor, MIN_SEAT_PX, MAX_SEAT_PX));
    },
    [anchorAt],
  );

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const anchor = anchorRef.current;
    if (!el || !anchor) return;
    anchorRef.current = null;
    el.scrollLeft = anchor.ratioX * el.scrollWidth - anchor.x;
    el.scrollTop = anchor.ratioY * el.scrollHeight - anchor.y;
  }, [size, scrollRef]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let spread = 0;
    // A pinch sends a touchmove per finger per frame: re-lay out the map once a frame, at the
    // product of the moves since the last one, so a big block keeps up with the fingers.
    let pending = 1;
    let at = { x: 0, y: 0 };
    let frame = 0;
    const measure = (t: TouchList) => {
      const a = t.item(0)!;
      const b = t.item(1)!;
      return { d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2 };
    };
    const apply = () => {
      frame = 0;
      if (pending !== 1) zoomBy(pending, at.x, at.y);
      pending = 1;
    };
    const onTouchStart = (e: TouchEvent) => {
      if (e.touches.length === 2) spread = measure(e.touches).d;
    };
    const onTouchMove = (e: TouchEvent) => {
      if (e.touches.length !== 2 || !spread) return;
      if (e.cancelable) e.preventDefault(); // zoom the map, not the page
      const { d, x, y } = measure(e.touches);
      pending *= d / spread;
      at = { x, y };
      spread = d;
      if (!frame) frame = requestAnimationFrame(apply);
    };
    const onTouchEnd = (e: TouchEvent) => {
      if (e.touches.length < 2) spread = 0;
    };
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      zoomBy(Math.exp(-e.deltaY / 200), e.clientX, e.clientY);
    };
    el.addEventListener("touchstart", onTouchStart, { passive: true });
    el.addEventListener("touchmove", onTouchMove, { passive: false });
    el.addEventListener("touchend", onTouchEnd);
    el.addEventListener("touchcancel", onTouchEnd);
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      el.removeEventListener("touchstart", onTouchStart);
      el.removeEventListener("touchmove", onTouchMove);
      el.removeEventListener("touchend", onTouchEnd);
      el.removeEventListener("touchcancel", onTouchEnd);
      el.removeEventListener("wheel", onWheel);
    };
  }, [scrollRef, zoomBy]);

  return {
    size,
    css: manual === null ? fittedSeatCss(columns, padding) : `${manual}px`,
    fitted: manual === null,
    canZoomIn: size < MAX_SEAT_PX,
    canZoomOut: size > MIN_SEAT_PX,
    // From a small fitted map, the first step in lands on a seat a finger can hit.
    zoomIn: () => {
      const from = manual ?? fitRef.current;
      zoomBy(from < TOUCH_SEAT_PX && from * STEP * STEP > TOUCH_SEAT_PX ? TOUCH_SEAT_PX / from : STEP);
    },
    zoomOut: () => zoomBy(1 / STEP),
    fit: () => {
      if (manual === null) return;
      anchorAt();
      setManual(null);
    },
    /** Back to fitted, at the top left: a different part of the hall is about to be drawn. */
    reset: () => {
      anchorRef.current = null;
      setManual(null);
      scrollRef.current?.scrollTo(0, 0);
    },
  };
}
