"use client";
import jsQR from "jsqr";
import { useCallback, useEffect, useRef, useState } from "react";
import { looksLikeTicketToken, verifyTicketWithWebCrypto, type TicketPublicJwk } from "@/lib/tickets/token-format";

type Result = "OK" | "ALREADY_CHECKED_IN" | "INVALID" | "WRONG_SHOW" | "NOT_CONFIRMED" | "CANCELLED" | "REFUNDED" | "TOO_EARLY" | "TOO_LATE";
type Answer = { result: Result; reason: string | null; ticket: { reference: string; seats: string[]; count: number; eventTitle: string } | null; offline?: boolean };
type Window = { opensAt: string; closesAt: string; opensAtLocal: string; closesAtLocal: string };
type Show = { id: string; title: string; startsAtLocal: string; venue: string; section: string; today: boolean; window: Window; open: boolean };
type Stats = { admittedBookings: number; admittedPeople: number; soldBookings: number; soldPeople: number; lastScans: { at: string; result: Result; reason: string | null; reference: string | null; device: string }[] };
type Queued = { code: string; showId: string; deviceId: string; scannedAt: string; offline: true; reference: string };
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
export function CheckinApp({ shows, publicKey }: { shows: Show[]; publicKey: TicketPublicJwk }) {
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
  const videoRef = useRef<HTMLVideoElement>(null);
  const lastCode = useRef<{ code: string; at: number }>({ code: "", at: 0 });
  const busy = useRef(false);

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
      const body = res.ok ? ((await res.json()) as Answer & { checkedInDevice: string | null }) : null;
      if (body && body.result !== "OK" && !(body.result === "ALREADY_CHECKED_IN" && body.checkedInDevice === q.deviceId)) {
        setConflicts((c) => [{ reference: q.reference, scannedAt: q.scannedAt, message: body.reason ?? HEADLINE[body.result] }, ...c]);
      } else if (!body) {
        const error = (await res.json().catch(() => null))?.error;
        setConflicts((c) => [{ reference: q.reference, scannedAt: q.scannedAt, message: error?.message ?? `Server answered ${res.status}` }, ...c]);
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
    async (code: string): Promise<Answer> => {
      if (!looksLikeTicketToken(code)) return { result: "INVALID", reason: "Offline: only QR codes can be checked — typed references need the network", ticket: null, offline: true };
      const v = await verifyTicketWithWebCrypto(code, publicKey).catch(() => null);
      if (!v) return { result: "INVALID", reason: "This device cannot verify tickets offline", ticket: null, offline: true };
      if (!v.ok) return { result: "INVALID", reason: v.reason === "BAD_SIGNATURE" ? "Invalid signature — this ticket was altered or forged" : `Not valid (${v.reason.toLowerCase().replace("_", " ")})`, ticket: null, offline: true };
      const p = v.payload;
      const ticket = { reference: p.ref, seats: p.seats, count: p.seats.length, eventTitle: "" };
      if (p.sid !== showId) return { result: "WRONG_SHOW", reason: "This ticket is for another show", ticket, offline: true };
      const door = shows.find((s) => s.id === showId)?.window;
      const nowIso = new Date().toISOString();
      if (door && nowIso < door.opensAt) return { result: "TOO_EARLY", reason: `Check-in opens ${door.opensAtLocal}`, ticket, offline: true };
      if (door && nowIso > door.closesAt) return { result: "TOO_LATE", reason: `Check-in closed ${door.closesAtLocal}`, ticket, offline: true };
      const admitted = load<Record<string, string>>(admittedKey(showId), {});
      if (admitted[p.bid]) return { result: "ALREADY_CHECKED_IN", reason: `Already checked in on this device at ${new Date(admitted[p.bid]!).toLocaleTimeString()}`, ticket, offline: true };
      const now = new Date().toISOString();
      save(admittedKey(showId), { ...admitted, [p.bid]: now });
      const next = [...load<Queued[]>(QUEUE_KEY, []), { code, showId, deviceId, scannedAt: now, offline: true as const, reference: p.ref }];
      save(QUEUE_KEY, next);
      setQueue(next);
      return { result: "OK", reason: null, ticket, offline: true };
    },
    [publicKey, showId, deviceId, shows],
  );

  const handleCode = useCallback(
    async (raw: string) => {
      const code = raw.trim();
      if (!code || !showId || busy.current) return;
      busy.current = true;
      try {
        let a: Answer | null = null;
        if (navigator.onLine) {
          const res = await fetch("/api/v1/checkin", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code, showId, deviceId }) }).catch(() => null);
          if (res?.ok) {
            a = (await res.json()) as Answer;
            if (a.result === "OK" && looksLikeTicketToken(code)) {
              const bid = JSON.parse(atob(code.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).bid as string;
              save(admittedKey(showId), { ...load<Record<string, string>>(admittedKey(showId), {}), [bid]: new Date().toISOString() });
            }
            void refreshStats();
          } else if (res) {
            const body = await res.json().catch(() => null);
            a = { result: "INVALID", reason: body?.error?.message ?? `Server answered ${res.status}`, ticket: null };
          } else setOnline(false);
        }
        show(a ?? (await checkOffline(code)));
      } finally {
        busy.current = false;
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
        if (found && !(found === lastCode.current.code && now - lastCode.current.at < 4000)) {
          lastCode.current = { code: found, at: now };
          await handleCode(found);
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

  if (!showId) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">Check-in</h1>
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
    );
  }

  const current = shows.find((s) => s.id === showId)!;
  const ok = answer?.result === "OK";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-bold">{current.title}</h1>
          <p className="text-sm text-slate-300">
            {current.startsAtLocal} · {current.venue}
          </p>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <span className={`rounded-full px-3 py-1 font-semibold ${online ? "bg-emerald-700" : "bg-amber-600"}`} role="status">
            {online ? "Online" : "Offline"}
            {queue.length ? ` · ${queue.length} to sync` : ""}
          </span>
          <button type="button" onClick={() => setShowId("")} className="rounded-lg px-3 py-1 ring-1 ring-white/30">
            Change show
          </button>
        </div>
      </div>

      <div
        role="status"
        aria-live="assertive"
        data-testid="scan-result"
        className={`flex min-h-40 flex-col items-center justify-center rounded-2xl p-6 text-center ${answer ? (ok ? "bg-emerald-600" : "bg-red-600") : "bg-white/10"}`}
      >
        {answer ? (
          <>
            <p className="text-5xl font-black tracking-wide">{HEADLINE[answer.result]}</p>
            {answer.ticket ? (
              <p className="mt-2 text-xl font-semibold">
                {answer.ticket.count} {answer.ticket.count === 1 ? "person" : "people"} · {answer.ticket.seats.join(", ")}
              </p>
            ) : null}
            {answer.reason ? <p className="mt-1 text-lg">{answer.reason}</p> : null}
            {answer.ticket ? <p className="mt-1 font-mono text-sm opacity-90">{answer.ticket.reference}</p> : null}
            {answer.offline ? <p className="mt-1 text-sm opacity-90">Checked on this device (offline); syncs when back online.</p> : null}
          </>
        ) : (
          <p className="text-xl text-slate-300">Scan a ticket</p>
        )}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-2">
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
              void handleCode(manual);
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
              className="min-h-12 flex-1 rounded-xl bg-white px-4 text-lg text-ink-900"
            />
            <button type="submit" className="min-h-12 rounded-xl bg-white/20 px-5 text-lg font-semibold">
              Check
            </button>
          </form>
        </div>

        <div className="space-y-3">
          <div className="grid grid-cols-2 gap-2 text-center">
            <div className="rounded-xl bg-white/10 p-3">
              <p className="text-3xl font-bold" data-testid="admitted">
                {stats ? stats.admittedPeople : "–"}
              </p>
              <p className="text-xs text-slate-300">admitted</p>
            </div>
            <div className="rounded-xl bg-white/10 p-3">
              <p className="text-3xl font-bold">{stats ? stats.soldPeople : "–"}</p>
              <p className="text-xs text-slate-300">sold</p>
            </div>
          </div>
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
                  <span className="font-mono">{s.reference ?? "—"}</span>
                  <span className="text-slate-400">{new Date(s.at).toLocaleTimeString()}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </div>
  );
}
