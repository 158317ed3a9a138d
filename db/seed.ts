// `npx tsx db/seed.ts [--reset] [--large [--force]] | --posters`
//   (no flags)  migrate, then seed the normal catalog unless one is already there
//   --reset     empty the catalog tables first (also clears bookings/payments that reference them)
//   --large     after the normal catalog, add ≥100k events and ≥1M shows for benchmarks (Postgres)
//   --force     allow --large on PGlite
//   --posters   (re)write public/posters/*.svg from the catalog data and exit; no database needed
import path from "node:path";
import { env } from "@/lib/env.js";
import { openDatabase } from "./client";
import { sql } from "drizzle-orm";
import { resetCatalog, seedCatalog } from "./seed/catalog";
import { DEMO_LOGINS, seedDemoUsers } from "./seed/users";
import { seedDoorShows } from "./seed/door";
import { ON_SALE_DEMO, SOLD_OUT_DEMO, seedOnSales, seedSoldOutShow } from "./seed/on-sales";
import { formatCounts, tableCounts } from "./seed/counts";
import { posterInputs } from "./seed/events";
import { genericPosterInputs, seedLarge } from "./seed/large";
import { POSTER_DIR, writePosters } from "./seed/posters";

const FLAGS = ["--reset", "--large", "--force", "--posters"] as const;

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => !(FLAGS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(" ")}; expected ${FLAGS.join(" ")}`);
  const has = (flag: (typeof FLAGS)[number]) => argv.includes(flag);
  const started = performance.now();

  if (has("--posters")) {
    const n = await writePosters([...posterInputs(), ...genericPosterInputs()]);
    console.log(`wrote ${n} posters to ${path.relative(process.cwd(), POSTER_DIR)}`);
    return;
  }

  const e = env();
  const handle = openDatabase({ url: e.DATABASE_URL, dataDir: path.resolve(e.PGLITE_DIR), max: 2 });
  const target = handle.kind === "postgres" ? "Postgres (DATABASE_URL)" : `PGlite at ${e.PGLITE_DIR}`;
  try {
    if (has("--large") && handle.kind === "pglite" && !has("--force")) {
      throw new Error("--large is meant for Postgres: set DATABASE_URL (or add --force to run it on PGlite anyway)");
    }
    console.log(`seeding ${target}`);
    await handle.migrate();
    if (has("--reset")) {
      await resetCatalog(handle.db);
      await handle.db.execute(sql.raw("TRUNCATE users CASCADE"));
      console.log("reset: emptied catalog tables, users, bookings and payments");
    }
    const log = (line: string) => console.log(line);
    const result = await seedCatalog(handle.db, { log });
    console.log(result.skipped ? `catalog: skipped, ${result.reason}` : `catalog: seeded in ${(result.elapsedMs / 1000).toFixed(1)}s`);
    if (has("--large")) {
      const large = await seedLarge(handle.db, { log });
      console.log(large.skipped ? `large: skipped, ${large.reason}` : `large: seeded in ${(large.elapsedMs / 1000).toFixed(1)}s`);
    }
    const demo = await seedDemoUsers(handle.db);
    console.log(demo.skipped ? "demo users: already there" : "demo users: created");
    const door = await seedDoorShows(handle.db, DEMO_LOGINS[2].email);
    if (door.added) console.log(`door: added ${door.added} shows starting within the hour at the door staff's venues, so check-in is open`);
    const onSales = await seedOnSales(handle.db);
    if (onSales.countdown) console.log(`on-sale: "${ON_SALE_DEMO.countdown}" goes on sale tomorrow 10:00 behind a waiting room (/shows/${onSales.countdown})`);
    if (onSales.open) console.log(`on-sale: "${ON_SALE_DEMO.open}" has its waiting room open, 60 buyers a minute (/shows/${onSales.open})`);
    const soldOut = await seedSoldOutShow(handle.db);
    if (soldOut) console.log(`waitlist: "${SOLD_OUT_DEMO.title}" in the ${SOLD_OUT_DEMO.section} hall is sold out (/shows/${soldOut}); cancel one of its bookings to see an offer`);
    console.log(formatCounts(await tableCounts(handle.db)));
    console.log("\nDemo logins (sign in at /signin):");
    for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(9)} ${l.email.padEnd(22)} ${l.password}`);
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && err.cause) console.error(err.cause);
  process.exitCode = 1;
});
