// Statements through Drizzle are prepared on Postgres (Drizzle alone would ask postgres.js not
// to), inside transactions too, and not when DATABASE_PREPARE is off. Real Postgres only.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, openDatabase } from "./client";
import { queryRows } from "./rows";

const url = process.env.DATABASE_URL;
const onPostgres = databaseKind() === "postgres" && Boolean(url);

describe.skipIf(!onPostgres)("prepared statements (Postgres)", () => {
  const prepared = onPostgres ? openDatabase({ url, max: 1, prepare: true }) : undefined;
  const plain = onPostgres ? openDatabase({ url, max: 1, prepare: false }) : undefined;
  afterAll(async () => {
    await prepared?.close();
    await plain?.close();
  });

  // One connection each, so pg_prepared_statements shows that connection's statements.
  const preparedTexts = async (db: NonNullable<typeof prepared>["db"]) =>
    (await queryRows<{ statement: string }>(db, sql`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${"%marquee-prepare-probe%"}`)).map((r) => r.statement);

  it("prepares statements with parameters, in and out of transactions", async () => {
    const db = prepared!.db;
    expect(await queryRows<{ n: number }>(db, sql`SELECT ${41}::int + 1 AS n /* marquee-prepare-probe 1 */`)).toEqual([{ n: 42 }]);
    await db.transaction(async (tx) => {
      await queryRows(tx, sql`SELECT ${"x"}::text AS v /* marquee-prepare-probe 2 */`);
    });
    const texts = await preparedTexts(db);
    // Planned for the parameters given each time (generic plans hurt catalog listings).
    expect(await queryRows(db, sql`SELECT current_setting(${"plan_cache_mode"}) AS mode`)).toEqual([{ mode: "force_custom_plan" }]);
    expect(texts.some((t) => t.includes("probe 1"))).toBe(true);
    expect(texts.some((t) => t.includes("probe 2"))).toBe(true);
  });

  it("prepares nothing with DATABASE_PREPARE=false", async () => {
    const db = plain!.db;
    await queryRows(db, sql`SELECT ${1}::int AS n /* marquee-prepare-probe 3 */`);
    expect(await preparedTexts(db)).toEqual([]);
  });
});
