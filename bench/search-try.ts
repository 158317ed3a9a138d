import { openDatabase } from "@/db/client";
import { search } from "@/lib/catalog/search";
const h = openDatabase({ url: process.env.DATABASE_URL!, max: 10 });
const args = process.argv.slice(2);
if (args[0] === "--load") {
  const raw = await h.db.execute(`SELECT title FROM events TABLESAMPLE SYSTEM (2) LIMIT 300` as never);
  const titles = ((raw as unknown as { title: string }[])).map((r) => r.title);
  const qs = titles.map((t) => { const w = t.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean); const i = Math.floor(Math.random()*w.length); const x = w[i]!; if (x.length>4) w[i] = x.slice(0,2)+x[3]+x[2]+x.slice(4); return w.slice(0, 2).join(" "); });
  const lat: number[] = []; let k = 0; const until = performance.now() + 10000;
  await Promise.all(Array.from({ length: 10 }, async () => { while (performance.now() < until) { const q = qs[k++ % qs.length]!; const t = performance.now(); await search({ query: q, city: ["mumbai","delhi","pune"][k%3], limit: 20 }, h.db); lat.push(performance.now() - t); } }));
  lat.sort((a, b) => a - b);
  console.log(`n=${lat.length} p50=${lat[Math.floor(lat.length*0.5)]!.toFixed(1)} p95=${lat[Math.floor(lat.length*0.95)]!.toFixed(1)} p99=${lat[Math.floor(lat.length*0.99)]!.toFixed(1)}`);
} else for (const q of args) {
  const t = performance.now();
  const r = await search({ query: q, city: "mumbai", limit: 5 }, h.db);
  console.log(`${q} (${(performance.now() - t).toFixed(0)}ms) readAs=${r.readAs}`, r.events.map((e) => `${e.title}[${e.inCity ? "M" : e.cities.slice(0,2).join("/")}:${e.matchedVia}]`).join(" | "), "| people:", r.people.map((p) => p.name).join(","), "| venues:", r.venues.map((v) => v.name).join(","));
}
await h.close();
