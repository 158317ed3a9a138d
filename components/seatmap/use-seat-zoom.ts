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

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

type Anchor = { x: number; y: number; ratioX: number; ratioY: number };

/**
 * The seat size in px for a map `columns` wide inside the scroll container `scrollRef`: fitted to
 * its width (never above the default) until the user zooms with the buttons, a pinch or
 * Ctrl+wheel (a trackpad pinch). The map is re-laid out at the new size, so it stays sharp,
 * and the point under the fingers (or the centre, for buttons) stays where it was.
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
      const width = el.clientWidth - padding;
      const next = clamp(Math.floor((width / (columns + GAP_RATIO * (columns - 1))) * 4) / 4, MIN_SEAT_PX, DEFAULT_SEAT_PX);
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
    const measure = (t: TouchList) => {
      const a = t.item(0)!;
      const b = t.item(1)!;
      return { d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2 };
    };
    const onTouchStart = (e: TouchEvent) => {
      if (e.touches.length === 2) spread = measure(e.touches).d;
    };
    const onTouchMove = (e: TouchEvent) => {
      if (e.touches.length !== 2 || !spread) return;
      if (e.cancelable) e.preventDefault(); // zoom the map, not the page
      const { d, x, y } = measure(e.touches);
      zoomBy(d / spread, x, y);
      spread = d;
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
      el.removeEventListener("touchstart", onTouchStart);
      el.removeEventListener("touchmove", onTouchMove);
      el.removeEventListener("touchend", onTouchEnd);
      el.removeEventListener("touchcancel", onTouchEnd);
      el.removeEventListener("wheel", onWheel);
    };
  }, [scrollRef, zoomBy]);

  return {
    size,
    fitted: manual === null,
    canZoomIn: size < MAX_SEAT_PX,
    canZoomOut: size > MIN_SEAT_PX,
    zoomIn: () => zoomBy(STEP),
    zoomOut: () => zoomBy(1 / STEP),
    fit: () => {
      if (manual === null) return;
      anchorAt();
      setManual(null);
    },
  };
}
