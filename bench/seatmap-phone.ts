// Benchmark: a big hall's seat map on a slow phone (issue 21). Opens /shows/<show> in Chromium at
// 390×844 (touch, mobile) with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), then
// records the main thread's long tasks (PerformanceObserver 'longtask'), their total blocking time
// (Σ max(0, duration − 50 ms)) and the cumulative layout shift ('layout-shift' entries not caused
// by input) for three phases:
//   load   navigation until the page has been quiet for 2 s (seats or blocks drawn, hydrated)
//   block  a tap on the first block of the overview, until its seats are drawn (skipped when the
//          map opens on the whole hall)
//   zoom   two taps on "Zoom in", until the map has been redrawn
// It runs against a server you started (a production build over a seeded database), e.g.
//
//   DATABASE_URL=postgres://…/demo NODE_ENV=production node lib/server/start.mjs --port 3310
//   npx tsx bench/seatmap-phone.ts --url http://127.0.0.1:3310 --show <showId> [--runs 3] [--rate 4] [--desktop]
//
// and prints one line per run and the median of each figure. Chromium: /usr/bin/chromium, or
// CHROMIUM_PATH.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3310" },
    show: { type: "string" },
    runs: { type: "string", default: "3" },
    rate: { type: "string", default: "4" },
    desktop: { type: "boolean", default: false },
  },
});
if (!args.show) {
  console.error("usage: tsx bench/seatmap-phone.ts --url <base> --show <showId> [--runs N] [--rate 4] [--desktop]");
  process.exit(2);
}

type Phase = { longTasks: number; longestMs: number; tbtMs: number; cls: number; ms: number };
type Run = { load: Phase; block?: Phase; zoom: Phase; seatsDrawn: number };

// Runs in the page before any of its scripts: collects every long task and layout shift.
const OBSERVE = () => {
  const w = window as unknown as { __perf: { tasks: { start: number; duration: number }[]; shifts: { start: number; value: number }[] } };
  w.__perf = { tasks: [], shifts: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__perf.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (!e.hadRecentInput) w.__perf.shifts.push({ start: e.startTime, value: e.value });
    }
  }).observe({ type: "layout-shift", buffered: true });
};

async function phaseSince(page: Page, since: number, until: number): Promise<Phase> {
  const perf = await page.evaluate(() => (window as unknown as { __perf: { tasks: { start: number; duration: number }[]; shifts: { start: number; value: number }[] } }).__perf);
  const tasks = perf.tasks.filter((t) => t.start >= since && t.start < until);
  const shifts = perf.shifts.filter((s) => s.start >= since && s.start < until);
  return {
    longTasks: tasks.length,
    longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    tbtMs: Math.round(tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0)),
    cls: Number(shifts.reduce((sum, s) => sum + s.value, 0).toFixed(4)),
    ms: Math.round(until - since),
  };
}

/** Waits until no long task has started for `quietMs`; answers the page's clock then. */
async function settle(page: Page, quietMs = 2000, maxMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { now, last } = await page.evaluate(() => {
      const p = (window as unknown as { __perf: { tasks: { start: number; duration: number }[] } }).__perf;
      const t = p.tasks[p.tasks.length - 1];
      return { now: performance.now(), last: t ? t.start + t.duration : 0 };
    });
    if (now - last >= quietMs || Date.now() - started > maxMs) return now;
    await page.waitForTimeout(250);
  }
}

async function once(): Promise<Run> {
  const executablePath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const context = await browser.newContext(
      args.desktop ? { viewport: { width: 1440, height: 900 } } : { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
    );
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(args.rate) });

    await page.goto(`${args.url}/shows/${args.show}`, { waitUntil: "load", timeout: 120_000 });
    await page.getByRole("heading", { name: /Choose your seats|Seat map/ }).waitFor();
    const loaded = await settle(page);
    const load = await phaseSince(page, 0, loaded);

    let block: Phase | undefined;
    const firstBlock = page.getByRole("group", { name: "Blocks" }).getByRole("button").first();
    if (await firstBlock.isVisible().catch(() => false)) {
      const t0 = await page.evaluate(() => performance.now());
      await firstBlock.tap();
      await page.locator("[data-seat]").first().waitFor({ timeout: 60_000 });
      block = await phaseSince(page, t0, await settle(page));
    }

    const t1 = await page.evaluate(() => performance.now());
    for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Zoom in" }).click();
    const zoom = await phaseSince(page, t1, await settle(page));
    const seatsDrawn = await page.locator("[data-seat]").count();
    return { load, block, zoom, seatsDrawn };
  } finally {
    await browser.close();
  }
}

const fmt = (p?: Phase) => (p ? `${p.longTasks} long tasks, longest ${p.longestMs} ms, TBT ${p.tbtMs} ms, CLS ${p.cls}` : "—");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const runs: Run[] = [];
for (let i = 0; i < Number(args.runs); i++) {
  const r = await once();
  runs.push(r);
  console.log(`run ${i + 1}: load: ${fmt(r.load)} | block: ${fmt(r.block)} | zoom: ${fmt(r.zoom)} | seats drawn ${r.seatsDrawn}`);
}
for (const phase of ["load", "block", "zoom"] as const) {
  const ps = runs.map((r) => r[phase]).filter((p): p is Phase => !!p);
  if (!ps.length) continue;
  console.log(
    `median ${phase}: ${median(ps.map((p) => p.longTasks))} long tasks, longest ${median(ps.map((p) => p.longestMs))} ms, TBT ${median(ps.map((p) => p.tbtMs))} ms, CLS ${median(ps.map((p) => p.cls))}`,
  );
}
console.log(`(${args.desktop ? "1440×900" : "390×844 touch"}, CPU ×${args.rate}, ${args.url}/shows/${args.show})`);
