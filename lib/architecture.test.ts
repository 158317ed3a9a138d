// The code's shape, checked: the rules a reader relies on (docs/DESIGN's "one writer of seat
// state", domains layered without cycles) fail here the day someone breaks them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

/** Product code: what ships (tests, test fixtures and dev tools are not part of the layering). */
const PRODUCT = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")].filter(
  (f) => !f.startsWith("lib/testing/") && !f.startsWith("lib/devtools/"),
);

/** The lib/ folder a module specifier points at, seen from `file`; null outside lib/. */
function libFolder(spec: string, file: string): string | null {
  let target: string;
  if (spec.startsWith("@/")) target = spec.slice(2);
  else if (spec.startsWith(".")) target = path.normalize(path.join(path.dirname(file), spec));
  else return null;
  const parts = target.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  return parts.length === 2 ? parts[1]!.replace(/\.(js|ts)$/, "") : parts[1]!;
}

function importsOf(file: string): string[] {
  // Type-only imports are erased at build time: they name a shape (ApiScope) without loading the
  // module, so they cannot make a cycle (lib/api's contracts sit above lib/http, which borrows
  // their Operation type).
  const text = readFileSync(path.join(ROOT, file), "utf8").replace(/(?:import|export)\s+type\s+[^;]*?from\s+["'][^"']+["'];?/g, "");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
}

/** lib folder → the lib folders its modules import. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of PRODUCT.filter((f) => f.startsWith("lib/") && f.split("/").length > 2)) {
    const from = file.split("/")[1]!;
    for (const spec of importsOf(file)) {
      const to = libFolder(spec, file);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Folders that reach each other (strongly connected, more than one), by Tarjan's algorithm. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe("architecture", () => {
  it("finds the modules it checks (a scanner that sees nothing would pass anything)", () => {
    expect(PRODUCT).toContain("lib/seating/seat-state.ts");
    expect(folderGraph().get("payments")).toContain("booking");
  });

  it("has no import cycles between lib/ folders", () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it("layers the booking life: seating ← booking ← payments, never the reverse", () => {
    const graph = folderGraph();
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(graph.get(from) ?? [])].some((n) => n === to || (!seen.has(n) && (seen.add(n), reaches(n, to, seen))));
    expect(reaches("seating", "booking")).toBe(false);
    expect(reaches("seating", "payments")).toBe(false);
    expect(reaches("booking", "payments")).toBe(false);
  });

  it("keeps HTTP out of the domains: errors come from lib/errors, statuses are lib/http's", () => {
    const offenders = PRODUCT.filter((f) => /^lib\/(booking|seating|payments|catalog|checkin|pricing|tickets|notifications|admin)\//.test(f)).filter((f) =>
      importsOf(f).some((s) => s === "@/lib/http/errors" || s === "next/server"),
    );
    expect(offenders).toEqual([]);
  });

  it("writes show_seats only from lib/seating/seat-state.ts", () => {
    const writes = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+show_seats\b|\.(?:insert|update|delete)\(\s*showSeats\s*\)/i;
    const writers = PRODUCT.filter((f) => writes.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(writers).toEqual(["lib/seating/seat-state.ts"]);
  });

  it("reads the environment only through lib/env.js", () => {
    // instrumentation.ts reads NEXT_RUNTIME (Next inlines it); the launcher hands its port to the app.
    const allowed = new Set(["lib/env.js", "lib/server/start.mjs"]);
    const offenders = PRODUCT.filter((f) => !allowed.has(f) && /process\.env\b/.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps dev tools and test fakes out of what ships", () => {
    const offenders = PRODUCT.filter((f) => importsOf(f).some((s) => /lib\/(testing|devtools)\//.test(s) || /(^|\/)(testing|devtools)\//.test(s)));
    expect(offenders).toEqual([]);
  });
});
