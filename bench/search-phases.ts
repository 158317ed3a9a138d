import { openDatabase } from "@/db/client";
import { queryRows } from "@/db/rows";
import { eventsSql, lexemes, peopleSql, resolveWords, significant, venuesSql } from "@/lib/catalog/search";
const h = openDatabase({ url: process.env.DATABASE_URL!, max: 2 });
const raw = await h.db.execute(`SELECT title FROM events TABLESAMPLE SYSTEM (2) LIMIT 200` as never);
const titles = (raw as unknown as { title: string }[]).map((r) => r.title);
const qs = titles.map((t) => { const w = t.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean); return w.slice(0, 2).join(" "); });
const tot = { vocab: [] as number[], events: [] as number[], people: [] as number[], venues: [] as number[] };
for (const q of [...qs, ...qs]) {
  let t = performance.now();
  const slots = await resolveWords(significant(lexemes(q)), h.db);
  tot.vocab.push(performance.now() - t); t = performance.now();
  const e = eventsSql(slots, { city: "mumbai", limit: 20 }); if (!e) continue;
  await queryRows(h.db, e); tot.events.push(performance.now() - t); t = performance.now();
  await queryRows(h.db, peopleSql(slots, 5)!); tot.people.push(performance.now() - t); t = performance.now();
  await queryRows(h.db, venuesSql(slots, 5, "mumbai")!); tot.venues.push(performance.now() - t);
}
for (const [k, v] of Object.entries(tot)) { v.sort((a, b) => a - b); console.log(k, "p50", v[Math.floor(v.length / 2)]!.toFixed(1), "p95", v[Math.floor(v.length * 0.95)]!.toFixed(1)); }
await h.close();
