// Hostile input against every boundary of the production build: every route handler (each
// method it exports, plus TRACE and a method it does not), every server action (as the browser
// posts them: `Next-Action` header, React's reply encoding) and every page with a dynamic
// segment or search params. Nothing may answer 5xx: bad input is a 4xx with a code.
//
// The routes, actions and pages are read from the build's manifests, and the field names from
// the zod schemas in the handler's own file and the lib/ files it imports, so a new route or
// field is fuzzed without editing this file. Runs last (its own Playwright project): it is
// signed in as admin and may cancel things.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DEMO } from "./api";
import { expect, test } from "./fixtures";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

const root = process.cwd();
const UNKNOWN_UUID = "7d4c2a9e-1f3b-4c5d-8e6f-9a0b1c2d3e4f";

/** Values no field should choke on: each replaces one field at a time. */
const HOSTILE: unknown[] = [
  "a\u0000b",
  "9999-12-31",
  "0000-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  UNKNOWN_UUID,
  "x".repeat(5000),
  "Mars/Olympus",
  -1,
  1e308,
  null,
  [],
  { $: 1 },
];
const HOSTILE_QUERY = ["a\u0000b", "9999-12-31", "0000-01-01", "-100000-01-01", UNKNOWN_UUID, "x".repeat(3000), "Mars/Olympus", "-1", "1e308", "eyJ4IjoxfQ", "%"];
const HOSTILE_SEGMENTS = [UNKNOWN_UUID, "not-a-uuid", "a%00b", "%E0%A4%A", "x".repeat(600)];

type Failure = { what: string; status: number; body: string };

// ---- what to fuzz: read from the build and the source -------------------------------------

function manifest<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(root, ".next", "server", file), "utf8")) as T;
}

function sourceOf(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** `@/lib/x/y` → its file, when it is one of ours. */
function resolveImport(spec: string): string | null {
  const base = path.join(root, spec.slice(2));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base]) {
    if (existsSync(candidate) && candidate.match(/\.(ts|tsx|js)$/)) return candidate;
  }
  return null;
}

/** Field names of the zod schemas (and form fields) in a file and the lib/ files it imports. */
function fieldsOf(file: string): string[] {
  const files = [file];
  for (const m of sourceOf(file).matchAll(/from "(@\/lib\/[^"]+)"/g)) {
    const resolved = resolveImport(m[1]!);
    if (resolved) files.push(resolved);
  }
  const names = new Set<string>();
  for (const f of files) {
    const text = sourceOf(f);
    for (const m of text.matchAll(/\b([A-Za-z]\w*)\??: *z\./g)) names.add(m[1]!);
    for (const m of text.matchAll(/form\.get(?:All)?\("([^"]+)"\)/g)) names.add(m[1]!);
  }
  return [...names];
}

// ---- the catalogue of plausible values, from the seeded app ---------------------------------

type Ctx = { api: APIRequestContext; token: string; userId: string; plausible: Record<string, unknown> };

async function json<T>(res: APIResponse): Promise<T> {
  expect(res.status(), `${res.url()} ${await res.text()}`).toBeLessThan(400);
  return (await res.json()) as T;
}

async function plausibleValues(api: APIRequestContext, token: string, userId: string): Promise<Record<string, unknown>> {
  const auth = { authorization: `Bearer ${token}` };
  // A city the other journeys do not use, and its last show: the fuzz may cancel it.
  const cities = (await json<{ items: { id: string }[] }>(await api.get("/api/v1/cities"))).items;
  const city = cities[cities.length - 1]!.id;
  const events = (await json<{ items: { id: string; slug: string }[] }>(await api.get(`/api/v1/events?city=${city}`))).items;
  const event = events[events.length - 1]!;
  const venues = (await json<{ venues: { venue: { id: string }; section: { id: string }; shows: { id: string }[] }[] }>(await api.get(`/api/v1/events/${event.id}/shows?city=${city}`))).venues;
  const show = venues[0]!.shows[venues[0]!.shows.length - 1]!;
  const seats = (await json<{ seats: { id: string; status: string }[] }>(await api.get(`/api/v1/shows/${show.id}/seats`))).seats;
  const free = seats.filter((s) => s.status === "AVAILABLE").slice(-2).map((s) => s.id);
  const booking = (await json<{ booking: { id: string } }>(await api.post("/api/v1/bookings/initiate", { headers: auth, data: { showId: show.id } }))).booking;
  const today = new Date().toISOString().slice(0, 10);
  return {
    showId: show.id,
    eventId: event.id,
    venueId: venues[0]!.venue.id,
    sectionId: venues[0]!.section.id,
    bookingId: booking.id,
    userId,
    paymentId: UNKNOWN_UUID,
    promoId: UNKNOWN_UUID,
    seatIds: free,
    seatLabels: "A1",
    slug: event.slug,
    city,
    date: today,
    from: today,
    to: today,
    q: "love",
    query: "love",
    prefix: "lo",
    email: `fuzz-${Date.now()}@marquee.test`,
    password: "Fuzzing-pass-1",
    name: "Fuzz",
    phone: "+919876543210",
    code: "MQT1.x",
    method: "card",
    token: "x",
    timeZone: "Asia/Kolkata",
    limit: 5,
  };
}

function pathFor(template: string, values: Record<string, unknown>, hostile?: { segment: string; value: string }): string {
  return template
    .replace(/\/(page|route)$/, "")
    .replace(/\[\.\.\.(\w+)\]/g, "nope/nothing")
    .replace(/\[(\w+)\]/g, (_, name: string) => {
      if (hostile?.segment === name) return hostile.value;
      const v = values[name];
      return typeof v === "string" ? encodeURIComponent(v) : UNKNOWN_UUID;
    }) || "/";
}

async function check(failures: Failure[], what: string, send: () => Promise<APIResponse>) {
  const res = await send();
  if (res.status() >= 500) failures.push({ what, status: res.status(), body: (await res.text()).slice(0, 300) });
}

/** Runs the checks a few at a time: enough to keep the server busy, not to trip its limits. */
async function inBatches(jobs: (() => Promise<void>)[], size = 6) {
  for (let i = 0; i < jobs.length; i += size) await Promise.all(jobs.slice(i, i + size).map((j) => j()));
}

function report(failures: Failure[]) {
  return failures.map((f) => `${f.status} ${f.what}\n    ${f.body}`).join("\n");
}

// ---- the fuzz ---------------------------------------------------------------------------------

test.setTimeout(15 * 60_000);

let ctx: Ctx;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const login = await json<{ token: string; user: { id: string } }>(await api.post("/api/v1/users/login", { data: { email: DEMO.admin.email, password: DEMO.admin.password } }));
  ctx = { api, token: login.token, userId: login.user.id, plausible: await plausibleValues(api, login.token, login.user.id) };
});

test.afterAll(async () => {
  await ctx?.api.dispose();
});

test("no route handler answers 5xx to hostile paths, methods, queries or bodies", async () => {
  const failures: Failure[] = [];
  const routes = Object.keys(manifest<Record<string, string>>("app-paths-manifest.json")).filter((r) => r.endsWith("/route") && !r.startsWith("/api/auth/"));
  const auth = { authorization: `Bearer ${ctx.token}` };
  const jobs: (() => Promise<void>)[] = [];
  for (const template of routes) {
    const file = path.join(root, "app", template.replace(/^\//, "") + ".ts");
    const exported = [...sourceOf(file).matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b|as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? m[2]!);
    const fields = fieldsOf(file);
    const url = pathFor(template, ctx.plausible);
    for (const method of ["TRACE", "PUT", ...new Set(exported)]) {
      jobs.push(() => check(failures, `${method} ${url}`, () => ctx.api.fetch(url, { method, headers: auth })));
    }
    for (const segment of [...template.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!)) {
      for (const value of HOSTILE_SEGMENTS) {
        const bad = pathFor(template, ctx.plausible, { segment, value });
        for (const method of new Set(exported)) {
          jobs.push(() => check(failures, `${method} ${bad}`, () => ctx.api.fetch(bad, { method, headers: { ...auth, "content-type": "application/json" }, data: method === "GET" ? undefined : {} })));
        }
      }
    }
    for (const method of new Set(exported)) {
      if (method === "GET" || method === "DELETE") {
        for (const field of fields) {
          for (const value of HOSTILE_QUERY) {
            const qs = new URLSearchParams({ [field]: value });
            jobs.push(() => check(failures, `${method} ${url}?${field}=${value.slice(0, 20)}`, () => ctx.api.fetch(`${url}?${qs}`, { method, headers: auth })));
          }
        }
        continue;
      }
      const base = Object.fromEntries(fields.filter((f) => f in ctx.plausible).map((f) => [f, ctx.plausible[f]]));
      const headers = { ...auth, "idempotency-key": `fuzz-${Math.random().toString(36).slice(2)}` };
      jobs.push(() => check(failures, `${method} ${url} (malformed JSON)`, () => ctx.api.fetch(url, { method, headers: { ...headers, "content-type": "application/json" }, data: '{"a":' })));
      jobs.push(() => check(failures, `${method} ${url} (malformed Authorization)`, () => ctx.api.fetch(url, { method, headers: { authorization: "Bearer", "content-type": "application/json" }, data: base })));
      for (const field of fields) {
        for (const value of HOSTILE) {
          jobs.push(() =>
            check(failures, `${method} ${url} {${field}: ${JSON.stringify(value)?.slice(0, 20)}}`, () =>
              ctx.api.fetch(url, { method, headers: { ...headers, "idempotency-key": `fuzz-${Math.random().toString(36).slice(2)}`, "content-type": "application/json" }, data: { ...base, [field]: value } }),
            ),
          );
        }
      }
    }
  }
  await inBatches(jobs);
  expect(jobs.length).toBeGreaterThan(500);
  expect(failures, report(failures)).toEqual([]);
});

// Actions and pages read the session cookie: these run in a browser context signed in as admin.
test("no server action answers 5xx to hostile fields", async ({ asAdmin: page, baseURL }) => {
  const actions = manifest<{ node: Record<string, { filename: string; exportedName: string }> }>("server-reference-manifest.json").node;
  const failures: Failure[] = [];
  const jobs: (() => Promise<void>)[] = [];
  for (const [id, { filename, exportedName }] of Object.entries(actions)) {
    const source = sourceOf(path.join(root, filename));
    // How the action is called: useActionState forms get (prev, formData), plain form actions
    // (formData), `action(schema, …)` wrappers an object, the rest a string.
    const shape = new RegExp(`export async function ${exportedName}\\(prev`).test(source)
      ? "prev-form"
      : new RegExp(`export async function ${exportedName}\\(\\w+: FormData`).test(source)
        ? "form"
        : new RegExp(`export const ${exportedName} = action\\(`).test(source)
          ? "object"
          : "string";
    if (exportedName === "signOutAction") continue; // would end the session the rest relies on
    const fields = fieldsOf(path.join(root, filename));
    const base = Object.fromEntries(fields.filter((f) => f in ctx.plausible).map((f) => [f, ctx.plausible[f]]));
    const variants: Record<string, unknown>[] = [base, ...fields.flatMap((field) => HOSTILE.map((value) => ({ ...base, [field]: value })))];
    for (const input of variants) {
      jobs.push(async () => {
        let args: unknown[];
        if (shape === "object") args = [input];
        else if (shape === "string") args = [Object.values(input)[0] ?? "a\u0000b"];
        else {
          const form = new FormData();
          for (const [k, v] of Object.entries(input)) {
            for (const item of Array.isArray(v) ? v : [v]) form.append(k, typeof item === "string" ? item : JSON.stringify(item));
          }
          args = shape === "prev-form" ? [null, form] : [form];
        }
        const encoded = await encodeReply(args);
        const what = `action ${filename}#${exportedName} ${JSON.stringify(input).slice(0, 80)}`;
        await check(failures, what, () =>
          page.request.post("/", {
            headers: { "next-action": id, origin: baseURL!, accept: "text/x-component", ...(typeof encoded === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}) },
            ...(typeof encoded === "string" ? { data: encoded } : { multipart: encoded }),
            maxRedirects: 0,
          }),
        );
      });
    }
  }
  await inBatches(jobs, 4);
  expect(Object.keys(actions).length).toBeGreaterThan(10);
  expect(failures, report(failures)).toEqual([]);
});

test("no page answers 5xx to unknown ids or hostile search params", async ({ asAdmin: page }) => {
  const pages = Object.keys(manifest<Record<string, string>>("app-paths-manifest.json")).filter((p) => p.endsWith("/page") && !p.startsWith("/_"));
  const failures: Failure[] = [];
  const jobs: (() => Promise<void>)[] = [];
  for (const template of pages) {
    const file = path.join(root, "app", template.replace(/^\//, "") + ".tsx");
    const source = sourceOf(file);
    // The search params a page reads: its schemas' fields and the keys it names.
    const params = source.includes("searchParams")
      ? [...new Set([...fieldsOf(file), ...[...source.matchAll(/\b(\w+)\?: string/g)].map((m) => m[1]!), ...[...source.matchAll(/\b(?:sp|raw|query)\.(\w+)/g)].map((m) => m[1]!)])]
      : [];
    for (const segment of [...template.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!)) {
      for (const value of HOSTILE_SEGMENTS) {
        const url = pathFor(template, ctx.plausible, { segment, value });
        jobs.push(() => check(failures, `GET ${url}`, () => page.request.get(url, { maxRedirects: 0 })));
      }
    }
    const url = pathFor(template, ctx.plausible);
    for (const key of params) {
      for (const value of HOSTILE_QUERY) {
        jobs.push(() => check(failures, `GET ${url}?${key}=${value.slice(0, 20)}`, () => page.request.get(`${url}?${new URLSearchParams({ [key]: value })}`, { maxRedirects: 0 })));
      }
    }
  }
  await inBatches(jobs, 6);
  expect(jobs.length).toBeGreaterThan(100);
  expect(failures, report(failures)).toEqual([]);
});
