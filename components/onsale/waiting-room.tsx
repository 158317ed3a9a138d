"use client";
// The on-sale waiting room on a show's page. Everyone polls one shared answer (…/queue/room: the
// places let through so far and the rate) and works out their own wait from their place, which
// does not move once the on-sale has started; the personal endpoint is asked only to join, to learn
// the place drawn at the on-sale, and for the pass once the place is through (it sets the pass
// cookie, and the page then renders the seat map).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

type Room = { showId: string; phase: "NONE" | "BEFORE" | "OPEN" | "CLOSED"; onSaleAt: string | null; admittedThrough: number; admitPerMinute: number; paused: boolean; closedReason: "SOLD_OUT" | "ENDED" | null; queueLength: number; earlyJoiners: number };
type Status = { room: Room; joined: boolean; position: number | null; draw: number | null; ahead: number | null; estimatedWaitSeconds: number | null; admitted: boolean };

const ROOM_POLL_MS = 3000;

function countdown(ms: number): string {
  if (ms <= 0) return "now";
  const s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d) return `${d}d ${h}h ${m}m`;
  if (h) return `${h}h ${String(m).padStart(2, "0")}m ${String(sec).padStart(2, "0")}s`;
  return `${m}m ${String(sec).padStart(2, "0")}s`;
}

function waitWords(seconds: number | null): string {
  if (seconds === null) return "Paused for now";
  if (seconds < 60) return "Less than a minute";
  const m = Math.round(seconds / 60);
  if (m < 60) return `About ${m} minute${m === 1 ? "" : "s"}`;
  const h = Math.floor(m / 60);
  return `About ${h} h ${m % 60} min`;
}

export function WaitingRoom({ showId, signedIn, onSaleLabel, initialRoom, initialStatus }: { showId: string; signedIn: boolean; onSaleLabel: string; initialRoom: Room; initialStatus: Status | null }) {
  const router = useRouter();
  const [room, setRoom] = useState<Room>(initialRoom);
  const [status, setStatus] = useState<Status | null>(initialStatus);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const entering = useRef(false);
  const onSaleAt = room.onSaleAt ? new Date(room.onSaleAt).getTime() : 0;

  const personal = useCallback(
    async (method: "GET" | "POST") => {
      const res = await fetch(`/api/v1/shows/${showId}/queue`, { method, headers: { accept: "application/json" }, cache: "no-store" });
      const body = (await res.json().catch(() => null)) as { queue?: Status; error?: { code: string; message: string } } | null;
      if (!res.ok || !body?.queue) {
        if (body?.error?.code === "QUEUE_CLOSED") router.refresh();
        setError(body?.error?.message ?? "The waiting room could not be reached. Stay on this page; it retries by itself.");
        return null;
      }
      setError(null);
      setStatus(body.queue);
      setRoom(body.queue.room);
      if (body.queue.admitted && !entering.current) {
        // The answer set the pass cookie: the page now renders the seat map.
        entering.current = true;
        router.refresh();
      }
      return body.queue;
    },
    [showId, router],
  );

  // Join on arrival (one place per account; coming back keeps it).
  useEffect(() => {
    if (!signedIn || initialStatus?.joined) return;
    const t = setTimeout(() => void personal("POST"), 0);
    return () => clearTimeout(t);
  }, [signedIn, initialStatus?.joined, personal]);

  // The shared poll, and a clock for the countdown.
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/v1/shows/${showId}/queue/room`, { headers: { accept: "application/json" } });
        if (res.ok && !stop) setRoom(((await res.json()) as { room: Room }).room);
      } catch {
        /* offline for a moment: the next poll tries again */
      }
    };
    const timer = setInterval(poll, ROOM_POLL_MS);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stop = true;
      clearInterval(timer);
      clearInterval(clock);
    };
  }, [showId]);

  // The room closed or ended, or the on-sale began: the page (or our place) changes.
  const phase = room.phase;
  useEffect(() => {
    if (phase === "CLOSED" || phase === "NONE") router.refresh();
  }, [phase, router]);
  const started = onSaleAt > 0 && now >= onSaleAt;
  // An early joiner's place is drawn at the on-sale. Rather than everyone asking for it at that
  // moment (tens of thousands of requests in a few seconds), the page shows it from the draw —
  // about draw × earlyJoiners, within a few √earlyJoiners — and asks for the exact place only once
  // the places let through come within that margin of it.
  const exact = status?.position ?? null;
  const draw = status?.draw ?? null;
  const drawn = room.phase === "OPEN" && room.earlyJoiners > 0 && draw !== null;
  const estimate = exact === null && drawn ? 1 + Math.round(draw * (room.earlyJoiners - 1)) : null;
  const margin = drawn ? Math.ceil(3 * Math.sqrt(room.earlyJoiners * draw * (1 - draw))) + 1 : 0;
  const asking = useRef(false);
  useEffect(() => {
    if (!signedIn || asking.current || entering.current || !status?.joined) return;
    const due = exact !== null ? exact <= room.admittedThrough : estimate !== null ? estimate - margin <= room.admittedThrough : false;
    // A page opened after the on-sale without a draw (or before the room counted it) asks once.
    const unknown = exact === null && estimate === null && room.phase === "OPEN" && draw === null;
    if (!due && !unknown) return;
    asking.current = true;
    const t = setTimeout(() => void personal("GET").finally(() => setTimeout(() => (asking.current = false), ROOM_POLL_MS)), unknown ? Math.random() * ROOM_POLL_MS : 0);
    return () => clearTimeout(t);
  }, [signedIn, status?.joined, exact, estimate, margin, draw, room.admittedThrough, room.phase, personal]);
  const position = exact ?? estimate;

  const before = !started && room.phase !== "OPEN";
  const ahead = position === null ? null : Math.max(0, position - room.admittedThrough - 1);
  const wait = position === null ? null : room.paused ? null : Math.ceil(((position - room.admittedThrough) * 60) / Math.max(1, room.admitPerMinute));
  const progress = position === null ? 0 : Math.min(1, room.admittedThrough / Math.max(1, position));

  return (
    <section aria-labelledby="waiting-room-title" className="mt-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <h2 id="waiting-room-title" className="text-xl font-bold">
        {before ? "Tickets go on sale soon" : "You're in the queue"}
      </h2>
      {before ? (
        <>
          <p className="mt-1 text-slate-700">On sale {onSaleLabel}.</p>
          <p className="mt-4 text-4xl font-bold tabular-nums" aria-live="off" data-testid="countdown">
            {countdown(onSaleAt - now)}
          </p>
          <p className="mt-4 text-sm text-slate-700">
            Everyone who joins before the on-sale gets a <strong>random place</strong> in the queue when it opens, so there is no need to refresh at the last second. People who arrive later join the back.
          </p>
          {status?.joined ? (
            <p className="mt-3 rounded-lg bg-emerald-50 p-3 text-sm font-medium text-emerald-900 ring-1 ring-emerald-200" data-testid="queue-joined">
              You&apos;re in the queue. Your place is drawn when the on-sale opens.
            </p>
          ) : null}
        </>
      ) : (
        <div aria-live="polite">
          {position !== null ? (
            <>
              <p className="mt-3 text-slate-700">Your place in the queue</p>
              <p className="text-5xl font-bold tabular-nums" data-testid="queue-position">
                {exact === null ? <span className="mr-2 text-2xl font-semibold text-slate-600">about</span> : null}
                {position.toLocaleString("en-IN")}
              </p>
              <div className="mt-4 h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label="Queue progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
                <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.round(progress * 100)}%` }} />
              </div>
              <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
                <div>
                  <dt className="text-slate-600">Ahead of you</dt>
                  <dd className="text-lg font-semibold tabular-nums">{ahead?.toLocaleString("en-IN") ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">Estimated wait</dt>
                  <dd className="text-lg font-semibold">{position <= room.admittedThrough ? "It's your turn…" : waitWords(wait)}</dd>
                </div>
              </dl>
              {room.paused ? <p className="mt-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">The queue is paused: every seat still on sale is held by someone. Holds run out after 10 minutes, and the queue moves again.</p> : null}
            </>
          ) : signedIn ? (
            <p className="mt-3 text-slate-700">Finding your place…</p>
          ) : null}
        </div>
      )}
      {!signedIn ? (
        <p className="mt-4">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/shows/${showId}`)}`} className="inline-block rounded-full bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-ink-900">
            Sign in to join the queue
          </Link>
        </p>
      ) : status?.joined ? (
        <p className="mt-4 text-sm text-slate-600">
          {before
            ? "You can close this page: come back before the on-sale and your place is waiting. When your turn comes you have 15 minutes to pick seats."
            : "Keep this page open. If you leave and come back, you keep your place; your turn lets you pick seats for 15 minutes."}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
