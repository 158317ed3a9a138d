"use client";
import jsQR from "jsqr";
import { useCallback, useEffect, useRef, useState } from "react";
import { signOutAction } from "@/app/actions/auth";
import { groupPlaces } from "@/lib/format/places";
import { looksLikeTicketToken, verifyTicketWithWebCrypto, type TicketPublicJwk } from "@/lib/tickets/token-format";

type Result = "OK" | "ALREADY_CHECKED_IN" | "INVALID" | "WRONG_SHOW" | "NOT_CONFIRMED" | "CANCELLED" | "REFUNDED" | "TOO_EARLY" | "TOO_LATE";
type Ticket = { bookingId?: string; reference: string; seats: string[]; places?: string[]; count: number; eventTitle: string };
/** The server's answer (or the device's, offline); EXCEEDS is the 409 for a party bigger than the ticket's places left. */
type Answer = {
  result: Result | "EXCEEDS";
  reason: string | null;
  ticket: Ticket | null;
  offline?: boolean;
  admittedNow?: number | null;
  admittedSoFar?: number | null;
  total?: number | null;
  remaining?: number | null;
  asked?: number;
  /** The code scanned, so the result screen can admit more of the same ticket. */
  code?: string;
};
type Window = { opensAt: string; closesAt: string; opensAtLocal: string; closesAtLocal: string };
type Show = { id: string; title: string; startsAtLocal: string; venue: string; section: string; today: boolean; window: Window; open: boolean };
type Stats = { admittedBookings: number; admittedPeople: number; soldBookings: number; soldPeople: number; lastScans: { at: string; result: Result; reason: string | null; reference: string | null; device: string }[] };
type Queued = { code: string; showId: string; deviceId: string; scannedAt: string; offline: true; reference: string; admit?: number };
/** What this device knows a ticket has admitted (an ISO time alone: the whole ticket, as older versions stored it). */
type Admitted = Record<string, string | { n: number; total: number; at: string }>;
type Conflict = { reference: string; scannedAt: string; message: string };

const HEADLINE: Record<Result, string> = {
  OK: "ADMIT",
  ALREADY_CHECKED_IN: "ALREADY CHECKED IN",
  INVALID: "NOT VALID",
  WRONG_SHOW: "WRONG SHOW",
  NOT_CONFIRMED: "NOT CONFIRMED",
  CANCELLED: "CANCELLED",
  REFUNDED: "REFUNDED",
  TOO_EARLY: "TOO EARLY",
  TOO_LATE: "TOO LATE",
};
/** Party sizes offered before a scan; most scans admit everyone on the ticket, the default. */
const PARTY_SIZES = [1, 2, 3, 4, 5];

function headline(a: Answer): string {
  if (a.result === "OK") return `ADMIT ${a.admittedNow ?? a.ticket?.count ?? ""}`.trim();
  if (a.result === "EXCEEDS") return `ONLY ${a.remaining} LEFT`;
  return HEADLINE[a.result];
}

/** "2 of 4 admitted, 2 left" for a ticket for more than one that is not all in by this one scan. */
function progress(a: Answer): string | null {
  const { admittedSoFar: soFar, total, remaining, admittedNow } = a;
  if (soFar == null || total == null || remaining == null || total < 2) return null;
  if (a.result === "EXCEEDS") return `Asked for ${a.asked} · ${soFar} of ${total} admitted`;
  if (a.result === "OK" && admittedNow === total) return null;
  return `${soFar} of ${total} admitted${remaining ? `, ${remaining} left` : " — all in"}`;
}

const admittedOf = (entry: Admitted[string] | undefined, total: number) => (entry === undefined ? 0 : typeof entry === "string" ? total : entry.n);
const QUEUE_KEY = "marquee.checkin.queue";
const DEVICE_KEY = "marquee.checkin.device";
const admittedKey = (showId: string) => `marquee.checkin.admitted.${showId}`;

function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
const save = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify(value));

function feedback(ok: boolean) {
  navigator.vibrate?.(ok ? [120] : [300, 100, 300]);
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = ok ? "sine" : "square";
    osc.frequency.value = ok ? 880 : 196;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + (ok ? 0.15 : 0.45));
    osc.onended = () => void ctx.close();
  } catch {
    // No audio (autoplay policy, no device): the colour and vibration still tell.
  }
}

/** The door: pick a show, scan QR codes with the camera (or type a reference), see ADMIT or why not. Works offline. */
export function CheckinApp({ shows, publicKey, staffName }: { shows: Show[]; publicKey: TicketPublicJwk; staffName: string }) {
  const [showId, setShowId] = useState<string>("");
  const [deviceId, setDeviceId] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [online, setOnline] = useState(true);
  const [queue, setQueue] = useState<Queued[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [retries, setRetries] = useState(0);
  const [stats, setStats] = useState<Stats | null>(null);
  const [camera, setCamera] = useState<"off" | "starting" | "on" | "denied">("off");
  const [manual, setManual] = useState("");
  /** How many to admit on the next scan; null: everyone the ticket still admits. */
  const [party, setParty] = useState<number | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  // The camera's last code: when it was checked, last seen, and whether people are still to come on it.
  const lastCode = useRef<{ code: string; at: number; seen: number; open: boolean }>({ code: "", at: 0, seen: 0, open: false });
  const busy = useRef(false);
  // The camera loop reads the party size when a code appears, without restarting on each change.
  const partyRef = useRef<number | null>(null);
  useEffect(() => {
    partyRef.current = party;
  }, [party]);

  useEffect(() => {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = `door-${crypto.randomUUID().slice(0, 6)}`;
      localStorage.setItem(DEVICE_KEY, id);
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- browser-only state (localStorage, navigator) is read once after hydration
    setDeviceId(id);
    setQueue(load<Queued[]>(QUEUE_KEY, []));
    setOnline(navigator.onLine);
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);

  const refreshStats = useCallback(async () => {
    if (!showId) return;
    const res = await fetch(`/api/v1/checkin/shows/${showId}/stats`, { cache: "no-store" }).catch(() => null);
    if (res?.ok) setStats((await res.json()).stats);
  }, [showId]);

  useEffect(() => {
    if (!showId || !online) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- refreshStats() sets state only after the fetch resolves
    void refreshStats();
    const t = setInterval(refreshStats, 3000);
    return () => clearInterval(t);
  }, [showId, online, refreshStats]);

  // Offline scans go up as soon as the network is back; the server's answer may reveal a conflict.
  const sync = useCallback(async () => {
    const pending = load<Queued[]>(QUEUE_KEY, []);
    for (const q of pending) {
      const res = await fetch("/api/v1/checkin", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(q) }).catch(() => null);
      if (!res) return; // still offline
      if (res.status === 429 || res.status >= 500) {
        // Keep the queue: try again once the limit's window (or the server) has recovered.
        setTimeout(() => setRetries((n) => n + 1), Number(res.headers.get("retry-after") ?? 10) * 1000);
        return;
      }
      // A scan sent twice (its answer lost) is answered OK again by the server, so anything else is a real conflict.
      const body = res.ok ? ((await res.json()) as Answer) : null;
      if (body && body.result !== "OK") {
        setConflicts((c) => [{ reference: q.reference, scannedAt: q.scannedAt, message: body.reason ?? headline(body) }, ...c]);
      } else if (!body) {
        const error = (await res.json().catch(() => null))?.error as { code: string; message: string; details?: { remaining?: number } } | undefined;
        setConflicts((c) => [{ reference: q.reference, scannedAt: q.scannedAt, message: error?.message ?? `Server answered ${res.status}` }, ...c]);
        // They went in: record as many as the ticket still has places for (the conflict above says the rest).
        const left = error?.code === "ADMIT_EXCEEDS_REMAINING" ? (error.details?.remaining ?? 0) : 0;
        if (left > 0) await fetch("/api/v1/checkin", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...q, admit: left }) }).catch(() => null);
      }
      const rest = load<Queued[]>(QUEUE_KEY, []).filter((x) => !(x.code === q.code && x.scannedAt === q.scannedAt));
      save(QUEUE_KEY, rest);
      setQueue(rest);
    }
    void refreshStats();
  }, [refreshStats]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- sync() sets state only after its awaits (network answers)
    if (online && queue.length) void sync();
  }, [online, queue.length, sync, retries]);

  const show = useCallback(
    (a: Answer) => {
      setAnswer(a);
      feedback(a.result === "OK");
    },
    [],
  );

  const checkOffline = useCallback(
    async (code: string, admit: number | null): Promise<Answer> => {
      if (!looksLikeTicketToken(code)) return { result: "INVALID", reason: "Offline: only QR codes can be checked — typed references need the network", ticket: null, offline: true };
      const v = await verifyTicketWithWebCrypto(code, publicKey).catch(() => null);
      if (!v) return { result: "INVALID", reason: "This device cannot verify tickets offline", ticket: null, offline: true };
      if (!v.ok) return { result: "INVALID", reason: v.reason === "BAD_SIGNATURE" ? "Invalid signature — this ticket was altered or forged" : `Not valid (${v.reason.toLowerCase().replace("_", " ")})`, ticket: null, offline: true };
      const p = v.payload;
      const ticket = { bookingId: p.bid, reference: p.ref, seats: p.seats, places: groupPlaces(p.seats), count: p.seats.length, eventTitle: "" };
      if (p.sid !== showId) return { result: "WRONG_SHOW", reason: "This ticket is for another show", ticket, offline: true };
      const door = shows.find((s) => s.id === showId)?.window;
      const nowIso = new Date().toISOString();
      if (door && nowIso < door.opensAt) return { result: "TOO_EARLY", reason: `Check-in opens ${door.opensAtLocal}`, ticket, offline: true };
      if (door && nowIso > door.closesAt) return { result: "TOO_LATE", reason: `Check-in closed ${door.closesAtLocal}`, ticket, offline: true };
      // This device's count: its own scans and the answers it saw online. Other doors may have admitted more; the sync says so.
      const admitted = load<Admitted>(admittedKey(showId), {});
      const entry = admitted[p.bid];
      const total = ticket.count;
      const soFar = Math.min(total, admittedOf(entry, total));
      const remaining = total - soFar;
      const counts = { admittedSoFar: soFar, total, remaining, code, offline: true };
      if (remaining === 0) {
        const at = typeof entry === "string" ? entry : entry!.at;
        return { result: "ALREADY_CHECKED_IN", reason: `Already checked in on this device at ${new Date(at).toLocaleTimeString()}`, ticket, ...counts, admittedNow: 0 };
      }
      if (admit !== null && admit > remaining) return { result: "EXCEEDS", reason: "Nobody was admitted.", ticket, ...counts, asked: admit };
      const n = admit ?? remaining;
      const now = new Date().toISOString();
      save(admittedKey(showId), { ...admitted, [p.bid]: { n: soFar + n, total, at: now } });
      // The number goes with the scan: "everyone" here may be fewer than the server has left, or more.
      const next = [...load<Queued[]>(QUEUE_KEY, []), { code, showId, deviceId, scannedAt: now, offline: true as const, reference: p.ref, admit: n }];
      save(QUEUE_KEY, next);
      setQueue(next);
      return { result: "OK", reason: null, ticket, ...counts, admittedNow: n, admittedSoFar: soFar + n, remaining: remaining - n };
    },
    [publicKey, showId, deviceId, shows],
  );

  /** Checks a code, admitting `admit` people (null: everyone left on the ticket). */
  const handleCode = useCallback(
    async (raw: string, admit: number | null) => {
      const code = raw.trim();
      if (!code || !showId || busy.current) return null;
      busy.current = true;
      try {
        let a: Answer | null = null;
        if (navigator.onLine) {
          const body = JSON.stringify({ code, showId, deviceId, ...(admit === null ? {} : { admit }) });
          const res = await fetch("/api/v1/checkin", { method: "POST", headers: { "content-type": "application/json" }, body }).catch(() => null);
          if (res?.ok) {
            a = { ...((await res.json()) as Answer), code };
            // Remembered for offline scans of the same ticket later: how many of it are in.
            const bid = a.ticket?.bookingId;
            if (bid && (a.result === "OK" || a.result === "ALREADY_CHECKED_IN") && a.total != null) {
              save(admittedKey(showId), { ...load<Admitted>(admittedKey(showId), {}), [bid]: { n: a.admittedSoFar ?? a.total, total: a.total, at: new Date().toISOString() } });
            }
            void refreshStats();
          } else if (res) {
            const error = (await res.json().catch(() => null))?.error as { code: string; message: string; details?: Record<string, number> } | undefined;
            a =
              error?.code === "ADMIT_EXCEEDS_REMAINING" && error.details
                ? { result: "EXCEEDS", reason: "Nobody was admitted.", ticket: null, code, asked: error.details.asked, remaining: error.details.remaining, total: error.details.total, admittedSoFar: error.details.admittedSoFar }
                : { result: "INVALID", reason: error?.message ?? `Server answered ${res.status}`, ticket: null };
          } else setOnline(false);
        }
        a ??= await checkOffline(code, admit);
        show(a);
        return a;
      } finally {
        busy.current = false;
        // A party size is for one scan: the next party is most likely a whole ticket again.
        setParty(null);
      }
    },
    [showId, deviceId, show, checkOffline, refreshStats],
  );

  // The camera: BarcodeDetector where the browser has it, jsQR on canvas frames elsewhere.
  useEffect(() => {
    if (camera !== "on" || !videoRef.current) return;
    const video = videoRef.current;
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
    const Native = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
    const detector = Native ? new Native({ formats: ["qr_code"] }) : null;
    let stop = false;
    const tick = async () => {
      if (stop) return;
      if (video.readyState >= 2 && video.videoWidth) {
        let found: string | null = null;
        if (detector) {
          found = (await detector.detect(video).catch(() => []))[0]?.rawValue ?? null;
        } else if (ctx) {
          const scale = Math.min(1, 640 / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
          found = jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
        }
        const now = Date.now();
        const last = lastCode.current;
        const same = found !== null && found === last.code;
        const inView = same && now - last.seen < 1500;
        if (same) last.seen = now;
        // A code left in view is checked again after a pause, which shows a used ticket as ALREADY
        // CHECKED IN; but not while people are still to come on it (a partial admission, a party
        // too big): that would admit the rest unasked. They come with a new scan or the buttons.
        if (found && !(same && (now - last.at < 4000 || (inView && last.open)))) {
          lastCode.current = { code: found, at: now, seen: now, open: false };
          const a = await handleCode(found, partyRef.current);
          if (lastCode.current.code === found) lastCode.current.open = Boolean(a?.remaining);
        }
      }
      setTimeout(tick, 200);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [camera, handleCode]);

  async function startCamera() {
    setCamera("starting");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false });
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      setCamera("on");
    } catch {
      setCamera("denied");
    }
  }

  useEffect(() => {
    const video = videoRef.current;
    return () => (video?.srcObject as MediaStream | null)?.getTracks().forEach((t) => t.stop());
  }, []);

  const current = shows.find((s) => s.id === showId);
  const header = (
    <DoorHeader
      title={current?.title ?? "Check-in"}
      subtitle={current ? `${current.startsAtLocal} · ${current.venue}` : `Signed in as ${staffName}`}
      counts={current ? { admitted: stats?.admittedPeople ?? null, sold: stats?.soldPeople ?? null } : null}
    />
  );

  if (!current) {
    return (
      <>
        {header}
        <div className="mx-auto max-w-3xl space-y-3 px-4 py-4">
          <p className="text-slate-300">Pick the show you are admitting to.</p>
          {shows.length === 0 ? <p className="rounded-xl bg-white/10 p-6">No shows at your venues today or in the next two days.</p> : null}
          <ul className="space-y-2">
            {shows.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => setShowId(s.id)} className="w-full rounded-xl bg-white/10 p-4 text-left hover:bg-white/20 focus-visible:bg-white/20">
                  <span className="block text-lg font-semibold">{s.title}</span>
                  <span className="block text-sm text-slate-300">
                    {s.today ? "Today · " : ""}
                    {s.startsAtLocal} · {s.venue}, {s.section}
                  </span>
                  {s.open ? null : <span className="block text-sm text-amber-300">Check-in opens {s.window.opensAtLocal}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </>
    );
  }

  const ok = answer?.result === "OK";
  const line = answer ? progress(answer) : null;
  // After a partial admission (or a party too big), the rest of the same ticket is one tap away.
  const more = answer?.code && (answer.result === "OK" || answer.result === "EXCEEDS") && answer.remaining ? answer.remaining : 0;
  const moreSizes = more ? [...new Set([...Array.from({ length: Math.min(more, 4) }, (_, i) => i + 1), more])] : [];
  return (
    <>
      {header}
      <div className="mx-auto max-w-5xl space-y-3 px-4 py-3">
        <div className="flex items-center justify-between gap-2 text-sm">
          <span className={`rounded-full px-3 py-1 font-semibold ${online ? "bg-emerald-700" : "bg-amber-600"}`} role="status">
            {online ? "Online" : "Offline"}
            {queue.length ? ` · ${queue.length} to sync` : ""}
          </span>
          <button type="button" onClick={() => setShowId("")} className="rounded-lg px-3 py-1 ring-1 ring-white/30">
            Change show
          </button>
        </div>

        <div className="grid gap-4 md:grid-cols-2">
          {/* The scanner: on a phone, the answer, the camera and the typed code fit one screen. */}
          <div className="min-w-0 space-y-3">
            <div
              role="status"
              aria-live="assertive"
              data-testid="scan-result"
              className={`flex flex-col items-center justify-center rounded-2xl text-center ${answer ? `min-h-32 p-4 ${ok ? "bg-emerald-600" : answer.result === "EXCEEDS" ? "bg-amber-600" : "bg-red-600"}` : "min-h-16 bg-white/10 p-3"}`}
            >
              {answer ? (
                <>
                  <p className="text-4xl font-black tracking-wide break-words sm:text-5xl">{headline(answer)}</p>
                  {line ? (
                    <p className="mt-2 text-xl font-bold sm:text-2xl" data-testid="admitted-progress">
                      {line}
                    </p>
                  ) : null}
                  {answer.ticket ? (
                    <p className="mt-2 text-lg font-semibold sm:text-xl">
                      Ticket for {answer.ticket.count} {answer.ticket.count === 1 ? "person" : "people"} · {(answer.ticket.places ?? groupPlaces(answer.ticket.seats)).join(", ")}
                    </p>
                  ) : null}
                  {answer.reason ? <p className="mt-1 text-lg">{answer.reason}</p> : null}
                  {answer.ticket ? <p className="mt-1 font-mono text-sm opacity-90">{answer.ticket.reference}</p> : null}
                  {answer.offline ? <p className="mt-1 text-sm opacity-90">Checked on this device (offline); syncs when back online.</p> : null}
                  {moreSizes.length ? (
                    <div className="mt-3 flex flex-wrap justify-center gap-2" role="group" aria-label="Admit more of this ticket">
                      {moreSizes.map((n) => (
                        <button
                          key={n}
                          type="button"
                          onClick={() => void handleCode(answer.code!, n)}
                          className="min-h-12 rounded-xl bg-white px-4 text-lg font-bold text-ink-900 shadow focus-visible:ring-4 focus-visible:ring-white/60"
                        >
                          {n === more ? `Admit ${more === 1 ? "the last 1" : `all ${more} left`}` : `Admit ${n}`}
                        </button>
                      ))}
                    </div>
                  ) : null}
                </>
              ) : (
                <p className="text-lg text-slate-300">Scan a ticket</p>
              )}
            </div>
            <div className="relative aspect-video overflow-hidden rounded-2xl bg-black">
              <video ref={videoRef} playsInline muted className="h-full w-full object-cover" aria-label="Camera view" />
              {camera !== "on" ? (
                <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 p-4 text-center">
                  <button type="button" onClick={startCamera} className="rounded-xl bg-brand-500 px-6 py-4 text-lg font-bold" disabled={camera === "starting"}>
                    {camera === "starting" ? "Starting camera…" : "Start camera"}
                  </button>
                  {camera === "denied" ? <p className="text-sm text-amber-300">The camera is unavailable or blocked; type references below.</p> : null}
                </div>
              ) : null}
            </div>
            <form
              className="flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void handleCode(manual, party);
                setManual("");
              }}
            >
              <label htmlFor="manual-code" className="sr-only">
                Booking reference or ticket code
              </label>
              <input
                id="manual-code"
                value={manual}
                onChange={(e) => setManual(e.target.value)}
                placeholder="Booking reference (MQ…)"
                autoCapitalize="characters"
                autoComplete="off"
                className="min-h-12 min-w-0 flex-1 rounded-xl bg-white px-4 text-lg text-ink-900"
              />
              <button type="submit" className="min-h-12 shrink-0 rounded-xl bg-white/20 px-5 text-lg font-semibold">
                Check
              </button>
            </form>
            <div className="space-y-1">
              <p id="party-label" className="text-sm text-slate-300">
                Next scan admits
              </p>
              <div role="group" aria-labelledby="party-label" className="grid grid-cols-[minmax(0,2fr)_repeat(5,minmax(0,1fr))] gap-1.5">
                {[null, ...PARTY_SIZES].map((n) => (
                  <button
                    key={n ?? "all"}
                    type="button"
                    aria-pressed={party === n}
                    onClick={() => setParty(n)}
                    className={`min-h-11 rounded-lg px-1 text-base font-semibold sm:text-lg ${party === n ? "bg-white text-ink-900" : "bg-white/10 ring-1 ring-white/20"}`}
                  >
                    {n ?? "Everyone"}
                  </button>
                ))}
              </div>
            </div>
          </div>

          <div className="min-w-0 space-y-3">
            {conflicts.length ? (
              <div role="alert" className="rounded-xl bg-amber-500/20 p-3 ring-1 ring-amber-400">
                <p className="font-semibold">Conflicts found while syncing</p>
                <ul className="mt-1 space-y-1 text-sm">
                  {conflicts.map((c) => (
                    <li key={`${c.reference}-${c.scannedAt}`}>
                      {c.reference} (admitted here offline at {new Date(c.scannedAt).toLocaleTimeString()}): {c.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div>
              <h2 className="text-sm font-semibold text-slate-300">Last scans</h2>
              <ul className="mt-1 divide-y divide-white/10 text-sm">
                {(stats?.lastScans ?? []).map((s) => (
                  <li key={s.at + s.device} className="flex justify-between gap-2 py-1.5">
                    <span className={s.result === "OK" ? "text-emerald-300" : "text-red-300"}>{HEADLINE[s.result]}</span>
                    <span className="truncate font-mono">{s.reference ?? "—"}</span>
                    <span className="shrink-0 text-slate-400">{new Date(s.at).toLocaleTimeString()}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

/**
 * The door's own header, in place of the shop's: the show, how many are in of how many sold, and
 * sign-out — a phone's width, one line high.
 */
function DoorHeader({ title, subtitle, counts }: { title: string; subtitle: string; counts: { admitted: number | null; sold: number | null } | null }) {
  return (
    <header className="sticky top-0 z-20 border-b border-white/10 bg-ink-900/95 backdrop-blur" data-testid="door-header">
      <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-2">
        <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-md bg-brand-500 font-extrabold">
          M
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-bold leading-tight">{title}</h1>
          <p className="truncate text-xs text-slate-300">{subtitle}</p>
        </div>
        {counts ? (
          <p className="shrink-0 text-right leading-tight" aria-label={`${counts.admitted ?? "–"} admitted of ${counts.sold ?? "–"} sold`}>
            <span className="block text-lg font-bold tabular-nums">
              <span data-testid="admitted">{counts.admitted ?? "–"}</span>
              <span className="text-sm font-semibold text-slate-400">/{counts.sold ?? "–"}</span>
            </span>
            <span className="block text-[11px] text-slate-300">admitted</span>
          </p>
        ) : null}
        <form action={signOutAction} className="shrink-0">
          <button type="submit" className="rounded-lg px-2.5 py-1.5 text-sm ring-1 ring-white/30 hover:bg-white/10">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
